import type { KitchenAnswers as AnswerSettings } from '../../../shared/kitchen-answers';
import type { KitchenEvent } from '../../../shared/kitchen-events';
import { ownProgress } from '../kitchen-model/kitchen-state';
import { utcIso } from '../kitchen-model/stamps';
import type { Tx } from '../store/storage';
import { derivedEventId, ownEvent, queueOwnEvent, type Actor, type EventBody } from './own-event';

export const READY = 'READY';
/** A render's decision: once per order and station ('' for expo's whole ticket). */
export const shownDecision = (station: string | undefined): string => `SHOWN:${station ?? ''}`;

export interface SignalTerminal extends Actor {
  answers: Pick<AnswerSettings, 'readyFrom'>;
}

/**
 * The kitchen's answers to the platform, decided from the kitchen-events topic
 * (docs/DESIGN.md §3). Every terminal reads the topic in the same order per order (one key, one partition), so
 * all of them agree which claim came first; only the terminal whose claim (or finishing bump)
 * that was publishes the signal. Runs in the transaction that stores the topic's offsets, so a
 * decision is taken once, and a crash before the commit takes it again from the same record.
 */
export class KitchenSignals {
  constructor(private readonly self: SignalTerminal) {}

  /** A kitchen event read from the topic (already applied to the kitchen's progress). */
  onTopicEvent(tx: Tx, event: KitchenEvent, now: number): void {
    switch (event.type) {
      case 'ORDER_ANSWERED':
        return this.onAnswer(tx, event, now);
      case 'TICKET_RENDERED':
        return this.onRendered(tx, event, now);
      case 'TICKET_BUMPED':
        return this.onBump(tx, event, now);
      default:
        applyKitchenWide(tx, event, now);
    }
  }

  private onAnswer(tx: Tx, event: KitchenEvent, now: number): void {
    const { answer } = event;
    if (answer === undefined) return;
    const outcome = tx.answers.decideAnswer({ ...event, answer }, this.self.terminalId);
    tx.changes.kitchenOf(event.orderId);
    if (outcome !== 'won') return;
    // Too late: the platform cancelled it before the answer reached the topic.
    if (tx.orders.get(event.orderId)?.status === 'CANCELLED') return;
    const accepted = answer === 'ACCEPTED';
    this.signal(tx, event, now, {
      type: accepted ? 'ORDER_ACCEPTED' : 'ORDER_REJECTED',
      orderId: event.orderId,
      ...(accepted ? { prepMinutes: event.prepMinutes, quote: event.quote } : { reason: event.reason, outOfStock: event.outOfStock }),
    });
  }

  private onRendered(tx: Tx, event: KitchenEvent, now: number): void {
    const decided = tx.answers.decide(event.orderId, shownDecision(event.station), event);
    if (decided && event.terminalId === this.self.terminalId)
      this.signal(tx, event, now, { type: 'TICKET_SHOWN', orderId: event.orderId, station: event.station });
  }

  /** ORDER_READY from the bump that finishes the order: expo's, or in a kitchen without expo its last station's. */
  private onBump(tx: Tx, event: KitchenEvent, now: number): void {
    if (tx.answers.decision(event.orderId, READY)) return;
    const order = tx.orders.get(event.orderId);
    if (!order?.snapshot || order.status === 'CANCELLED') return;
    const snapshot = order.snapshot;
    const everyStationBumped = (): boolean => {
      const kitchen = tx.kitchen.state(event.orderId);
      return snapshot.items.every((item) => ownProgress(kitchen, item.station).bumped);
    };
    // Expo's whole-ticket bump always finishes the order; a station's only where there is no expo.
    const finishes = event.station === undefined || (this.self.answers.readyFrom === 'stations' && everyStationBumped());
    if (!finishes) return;
    if (tx.answers.decide(event.orderId, READY, event) && event.terminalId === this.self.terminalId)
      this.signal(tx, event, now, { type: 'ORDER_READY', orderId: event.orderId });
  }

  /** The signal, stamped with its source's time and an id derived from it. */
  private signal(tx: Tx, source: KitchenEvent, now: number, body: EventBody): void {
    const event = ownEvent(
      this.self,
      { ...body, signalOf: source.eventId },
      utcIso(source.occurredAt),
      derivedEventId(source.eventId, body.type),
    );
    queueOwnEvent(tx, event, now);
    tx.changes.kitchenOf(event.orderId);
  }
}

/**
 * Kitchen-wide state and prep-time updates from any terminal, in the topic's order or as this
 * terminal makes them: the newest writer wins, so both paths agree.
 */
export function applyKitchenWide(tx: Tx, event: KitchenEvent, now: number): void {
  switch (event.type) {
    case 'PREP_TIME_UPDATED':
      if (tx.answers.updatePrepTime(event)) tx.changes.kitchenOf(event.orderId);
      return;
    case 'ITEM_AVAILABILITY':
      if (!tx.answers.setAvailability(event)) return;
      // Every ticket on screen may hold the item: they are projected again.
      for (const orderId of tx.orders.onScreenIds(new Date(now).toISOString())) tx.changes.kitchenOf(orderId);
      tx.changes.status = true;
      return;
    case 'KITCHEN_PAUSED':
    case 'KITCHEN_RESUMED':
      if (tx.answers.setPause(event)) tx.changes.status = true;
      return;
  }
}
