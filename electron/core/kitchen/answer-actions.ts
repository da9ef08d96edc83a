import type { ActionOutcome, Command, Result } from '../../../shared/app-api';
import type { KitchenAnswers as AnswerSettings } from '../../../shared/kitchen-answers';
import { kitchenKey, type KitchenEvent } from '../../../shared/kitchen-events';
import type { KitchenTiming } from '../../../shared/kitchen-timing';
import type { PrepQuote } from '../../../shared/prep-quote';
import { quoteLinesOf, quotePrep } from '../kitchen-model/prep-quote';
import { actionTime } from '../kitchen-model/stamps';
import type { OrderRecord } from '../store/order-repository';
import type { ReadRepositories, Tx } from '../store/storage';
import { applyKitchenWide } from './kitchen-signals';
import { kitchenLoad } from './kitchen-load';
import { ownEvent, queueOwnEvent, type Actor, type EventBody } from './own-event';

export type AnswerCommand = Extract<
  Command,
  { type: 'ACCEPT_ORDER' | 'REJECT_ORDER' | 'UPDATE_PREP_TIME' | 'SET_ITEM_AVAILABILITY' | 'PAUSE_KITCHEN' | 'RESUME_KITCHEN' }
>;

const ANSWER_TYPES: readonly string[] = [
  'ACCEPT_ORDER',
  'REJECT_ORDER',
  'UPDATE_PREP_TIME',
  'SET_ITEM_AVAILABILITY',
  'PAUSE_KITCHEN',
  'RESUME_KITCHEN',
];
export const isAnswerCommand = (command: Command): command is AnswerCommand => ANSWER_TYPES.includes(command.type);

export interface AnsweringTerminal extends Actor {
  timing: KitchenTiming;
  answers: AnswerSettings;
}

const displayOf = (order: OrderRecord) => order.snapshot?.displayNumber ?? order.orderId;
const refuse = (error: string): Result<ActionOutcome> => ({ ok: false, error });

/** The kitchen's load-aware quote for an order now: its lines against what every station still has to cook. */
export function quoteFor(
  repositories: Pick<ReadRepositories, 'orders' | 'kitchen'>,
  order: OrderRecord,
  terminal: Pick<AnsweringTerminal, 'timing' | 'answers'>,
  now: number,
): PrepQuote {
  return quotePrep({
    now,
    lines: quoteLinesOf(order.snapshot?.items ?? [], terminal.timing),
    load: kitchenLoad(repositories, terminal.timing, now, order.orderId).stations,
    settings: terminal.answers,
  });
}

/** The end of this terminal's local day: how long an item rejected as out of stock stays 86'd. */
function endOfDay(now: number): string {
  const end = new Date(now);
  end.setHours(23, 59, 59, 999);
  return end.toISOString();
}

/**
 * The kitchen's answers to the platform as a cook gives them on a screen: accept (with the
 * quote), reject, a new prep time, 86 an item, pause. Each becomes a kitchen event in the outbox
 * and — for an answer — this terminal's claim, which counts once the topic's order says it came
 * first (kitchen-signals.ts). Runs inside KitchenActions' transaction.
 */
export class AnswerActions {
  constructor(
    private readonly terminal: AnsweringTerminal,
    private readonly clock: () => number,
  ) {}

  apply(tx: Tx, command: AnswerCommand): Result<ActionOutcome> {
    switch (command.type) {
      case 'ACCEPT_ORDER':
      case 'REJECT_ORDER':
        return this.answer(tx, command);
      case 'UPDATE_PREP_TIME': {
        const known = tx.answers.answer(command.orderId);
        if (!known?.decided || known.answer !== 'ACCEPTED')
          return refuse(`order ${command.orderId} is not accepted yet: a prep time is sent with the acceptance`);
        const order = tx.orders.get(command.orderId);
        const quote = order && quoteFor(tx, order, this.terminal, this.clock());
        return this.orderEvent(tx, command.orderId, {
          type: 'PREP_TIME_UPDATED',
          orderId: command.orderId,
          prepMinutes: command.prepMinutes,
          ...(quote ? { quote } : {}),
        });
      }
      case 'SET_ITEM_AVAILABILITY': {
        const now = this.clock();
        const until = command.restOfDay
          ? endOfDay(now)
          : command.forMinutes === undefined
            ? undefined
            : new Date(now + command.forMinutes * 60_000).toISOString();
        return this.kitchenEvent(tx, [{ type: 'ITEM_AVAILABILITY', item: command.item, available: command.available, until }]);
      }
      case 'PAUSE_KITCHEN':
        return this.kitchenEvent(tx, [{ type: 'KITCHEN_PAUSED', until: new Date(this.clock() + command.minutes * 60_000).toISOString() }]);
      case 'RESUME_KITCHEN':
        if (tx.answers.pausedUntil(this.terminal.merchantId, this.clock()) === null) return refuse('the kitchen is not paused');
        return this.kitchenEvent(tx, [{ type: 'KITCHEN_RESUMED' }]);
    }
  }

  private answer(tx: Tx, command: Extract<AnswerCommand, { type: 'ACCEPT_ORDER' | 'REJECT_ORDER' }>): Result<ActionOutcome> {
    const order = tx.orders.get(command.orderId);
    if (!order) return refuse(`unknown order ${command.orderId}`);
    if (!order.snapshot?.acceptBy) return refuse(`order ${displayOf(order)} expects no answer: it is accepted as it comes`);
    if (order.status === 'CANCELLED') return refuse(`order ${displayOf(order)} is void: the platform cancelled it`);
    const known = tx.answers.answer(order.orderId);
    if (known?.decided)
      return refuse(
        `order ${displayOf(order)} was already ${known.answer === 'ACCEPTED' ? 'accepted' : 'rejected'} on ${known.terminalId}`,
      );
    if (known) return refuse(`order ${displayOf(order)} was already answered on this terminal`);
    const now = this.clock();
    if (command.type === 'ACCEPT_ORDER') {
      const quote = quoteFor(tx, order, this.terminal, now);
      return this.orderEvent(tx, order.orderId, {
        type: 'ORDER_ANSWERED',
        orderId: order.orderId,
        answer: 'ACCEPTED',
        prepMinutes: command.prepMinutes,
        quote,
      });
    }
    const lines = order.snapshot.items;
    const unknownLine = command.outOfStockLineIds.find((lineId) => !lines.some((item) => item.lineId === lineId));
    if (unknownLine !== undefined) return refuse(`order ${displayOf(order)} has no line ${unknownLine}`);
    const outOfStock = lines.filter((item) => command.outOfStockLineIds.includes(item.lineId));
    const rejected = this.orderEvent(tx, order.orderId, {
      type: 'ORDER_ANSWERED',
      orderId: order.orderId,
      answer: 'REJECTED',
      reason: command.reason,
      outOfStock: outOfStock.map((item) => ({ lineId: item.lineId, name: item.name })),
    });
    if (!rejected.ok || outOfStock.length === 0) return rejected;
    // What the kitchen is out of for this order, it is out of for the next one too.
    const names = [...new Set(outOfStock.map((item) => item.name))];
    const eightySixed = this.kitchenEvent(
      tx,
      names.map((item) => ({ type: 'ITEM_AVAILABILITY' as const, item, available: false, until: endOfDay(now) })),
    );
    return eightySixed.ok
      ? { ok: true, value: { ...rejected.value, eventIds: [...rejected.value.eventIds, ...eightySixed.value.eventIds] } }
      : eightySixed;
  }

  /** An event about one order, stamped after the newest kitchen event known for it. */
  private orderEvent(tx: Tx, orderId: string, body: EventBody): Result<ActionOutcome> {
    const now = this.clock();
    const occurredAt = new Date(actionTime(now, tx.kitchen.latestStamp(orderId))).toISOString();
    const event = ownEvent(this.terminal, body, occurredAt);
    this.applyOwn(tx, event, now);
    return { ok: true, value: { orderId, eventIds: [event.eventId] } };
  }

  private kitchenEvent(tx: Tx, bodies: Omit<EventBody, 'orderId'>[]): Result<ActionOutcome> {
    const now = this.clock();
    const events = bodies.map((body) =>
      ownEvent(this.terminal, { ...body, orderId: kitchenKey(this.terminal.merchantId) }, new Date(now).toISOString()),
    );
    for (const event of events) this.applyOwn(tx, event, now);
    return { ok: true, value: { orderId: null, eventIds: events.map((event) => event.eventId) } };
  }

  private applyOwn(tx: Tx, event: KitchenEvent, now: number): void {
    if (event.type === 'ORDER_ANSWERED' && event.answer !== undefined) {
      tx.answers.answerLocally({ ...event, answer: event.answer });
      tx.changes.kitchenOf(event.orderId);
    } else applyKitchenWide(tx, event, now);
    queueOwnEvent(tx, event, now);
  }
}
