import type { Command, Result } from '../../../shared/app-api';
import type { KitchenAnswers as AnswerSettings } from '../../../shared/kitchen-answers';
import type { KitchenTiming } from '../../../shared/kitchen-timing';
import { ownProgress } from '../kitchen-model/kitchen-state';
import { quoteLinesOf, quotePrep } from '../kitchen-model/prep-quote';
import type { Clock } from '../lib/clock';
import { SupervisedLoop } from '../lib/supervised-loop';
import type { OrderRecord } from '../store/order-repository';
import type { Storage } from '../store/storage';
import { kitchenLoad } from './kitchen-load';
import { quoteFor } from './answer-actions';

/** Often enough for a 3-minute deadline, rare enough to cost nothing on an idle terminal. */
const LOOK_EVERY_MS = 5_000;

export interface AnswersLoopOptions {
  merchantId: string;
  /** Empty: expo, the screen proposed a new prep time when the kitchen falls behind. */
  stations: readonly string[];
  timing: KitchenTiming;
  answers: AnswerSettings;
  /** Runs a command as a cook's tap would (KitchenActions, then the publisher woken). */
  execute: (command: Command) => Result<unknown>;
  clock: Clock;
  onError: (name: string, error: Error) => void;
  onRecovered?: (name: string) => void;
}

/**
 * The answers nobody has to tap: orders of an auto-accepted channel accepted with the quote, and
 * — on expo — accepted orders falling behind their promise by more than `behindMinutes`: a new
 * prep time proposed on the ticket, or sent (autoUpdatePrepTime).
 */
export class AnswersLoop {
  private readonly loop: SupervisedLoop;

  constructor(
    private readonly storage: Storage,
    private readonly options: AnswersLoopOptions,
  ) {
    this.loop = new SupervisedLoop({
      name: 'kitchen answers',
      tick: () => this.tick(),
      idleMs: LOOK_EVERY_MS,
      onError: options.onError,
      onRecovered: options.onRecovered,
      clock: options.clock,
    });
  }

  start(): void {
    this.loop.start();
  }

  stop(): Promise<void> {
    return this.loop.stop();
  }

  tick(): 'idle' {
    const now = this.options.clock.now();
    if (this.options.answers.autoAcceptChannels.length > 0) this.autoAccept(now);
    if (this.options.stations.length === 0) this.watchPromises(now);
    return 'idle';
  }

  private autoAccept(now: number): void {
    const channels = new Set(this.options.answers.autoAcceptChannels);
    for (const orderId of this.storage.orders.onScreenIds(new Date(now).toISOString())) {
      const order = this.storage.orders.get(orderId);
      if (!order?.snapshot?.acceptBy || order.status !== 'OPEN' || !channels.has(order.snapshot.channel)) continue;
      if (this.storage.answers.answer(orderId)) continue;
      const quote = quoteFor(this.storage, order, this.options, now);
      this.options.execute({ type: 'ACCEPT_ORDER', orderId, prepMinutes: quote.minutes });
    }
  }

  private watchPromises(now: number): void {
    const { behindMinutes, autoUpdatePrepTime } = this.options.answers;
    for (const answer of this.storage.answers.acceptedNotReady()) {
      const order = this.storage.orders.get(answer.orderId);
      if (!order || order.status !== 'OPEN' || answer.prepFrom === null || answer.prepMinutes === null) continue;
      const promised = Date.parse(answer.prepFrom) + answer.prepMinutes * 60_000;
      const needed = this.remainingMinutes(order, now);
      const behind = now + needed * 60_000 > promised + behindMinutes * 60_000;
      if (behind && autoUpdatePrepTime) {
        this.options.execute({ type: 'UPDATE_PREP_TIME', orderId: order.orderId, prepMinutes: needed });
        continue;
      }
      const proposal = behind ? needed : null;
      if (answer.proposedPrepMinutes === proposal) continue;
      this.storage.transact((tx) => {
        if (tx.answers.propose(order.orderId, proposal)) tx.changes.kitchenOf(order.orderId);
      });
    }
  }

  /** What the order still needs from now: its lines not struck at stations not bumped, behind the rest of the kitchen. */
  private remainingMinutes(order: OrderRecord, now: number): number {
    const kitchen = this.storage.kitchen.state(order.orderId);
    const open = (order.snapshot?.items ?? []).filter(
      (item) => !kitchen.doneLines.has(item.lineId) && !ownProgress(kitchen, item.station).bumped,
    );
    return quotePrep({
      now,
      lines: quoteLinesOf(open, this.options.timing),
      load: kitchenLoad(this.storage, this.options.timing, now, order.orderId).stations,
      settings: this.options.answers,
    }).minutes;
  }
}
