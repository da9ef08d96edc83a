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
  /** What the kitchen's 86s and pause looked like at the last pass. */
  private lastShown: string | undefined;

  constructor(
    private readonly storage: Storage,
    private readonly options: AnswersLoopOptions,
  ) {
    this.loop = new SupervisedLoop({
      name: 'kitchen answers',
      tick: () => this.tick(),
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

  tick(): number {
    const now = this.options.clock.now();
    if (this.options.answers.autoAcceptChannels.length > 0) this.autoAccept(now);
    if (this.options.stations.length === 0) this.watchPromises(now);
    return this.announceExpiries(now);
  }

  /**
   * An 86 or a pause that runs out changes what every screen shows without any event: the
   * tickets are projected again and the status pushed at its time. Returns when to look next.
   */
  private announceExpiries(now: number): number {
    const unavailable = this.storage.answers.unavailable(now);
    const pausedUntil = this.storage.answers.pausedUntil(this.options.merchantId, now);
    const shown = JSON.stringify([unavailable.map((entry) => [entry.item, entry.until]), pausedUntil]);
    if (this.lastShown !== undefined && shown !== this.lastShown) {
      this.storage.transact((tx) => {
        tx.changes.status = true;
        for (const orderId of tx.orders.onScreenIds(new Date(now).toISOString())) tx.changes.kitchenOf(orderId);
      });
    }
    this.lastShown = shown;
    const ends = [...unavailable.map((entry) => entry.until), pausedUntil].flatMap((until) => (until === null ? [] : [Date.parse(until)]));
    const next = Math.min(now + LOOK_EVERY_MS, ...ends.map((end) => end + 1));
    return Math.max(0, next - now);
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
