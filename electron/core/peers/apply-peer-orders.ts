import { describeZodError, orderEventSchema, type OrderEvent } from '../../../shared/order-events';
import type { KitchenEvent } from '../../../shared/kitchen-events';
import { MAX_REFUSAL_REASON, relayedOrderEventSchema, type PeerEventsAnswer } from '../../../shared/peer-protocol';
import { sequenceEvent } from '../ingest/sequencer';
import type { RecordPlace } from '../store/audit-trail';
import type { Storage, Tx } from '../store/storage';
import { checkPeerKitchenEvent } from './apply-peer-events';

export interface OrderRelayContext {
  merchantId: string;
  terminalId: string;
  /** This terminal's orders topic: a relayed event read elsewhere is refused. */
  ordersTopic: string;
}

function checkOrderEvent(raw: unknown, context: OrderRelayContext): { event: OrderEvent; place: RecordPlace } | { reason: string } {
  const relayed = relayedOrderEventSchema.safeParse(raw);
  if (!relayed.success) return { reason: `not a relayed order event: ${describeZodError(relayed.error)}` };
  const { event: rawEvent, ...place } = relayed.data;
  if (place.topic !== context.ordersTopic) return { reason: `read from ${place.topic}, not this kitchen's orders topic` };
  const parsed = orderEventSchema.safeParse(rawEvent);
  if (!parsed.success) return { reason: `not an order event: ${describeZodError(parsed.error)}` };
  if (parsed.data.merchantId !== context.merchantId) return { reason: `merchant ${parsed.data.merchantId} is not this kitchen's` };
  return { event: parsed.data, place };
}

/** A relayed kitchen event: applied by the kitchen model's rules; one this terminal made (and lost) goes back to its outbox. */
function applyKitchenEvent(tx: Tx, event: KitchenEvent, context: OrderRelayContext, now: number): boolean {
  if (!tx.audit.kitchen(event, now)) return false;
  if (tx.kitchen.apply(event)) tx.changes.kitchenOf(event.orderId);
  if (event.terminalId === context.terminalId && tx.outbox.restore(event, now)) tx.changes.ownEventQueued();
  return true;
}

/**
 * Order events a peer relayed, applied through the same sequencer as Kafka's records — its
 * dedupe by event id and its version rules — so when Kafka returns the same events are
 * duplicates, and the stored offsets stay Kafka's (nothing here moves them). Then the kitchen
 * events of orders this terminal did not have, so its screen shows what cooks already did.
 */
export function applyPeerOrders(
  storage: Storage,
  context: OrderRelayContext,
  relayed: { events: readonly unknown[]; kitchen: readonly unknown[] },
  now: number,
): PeerEventsAnswer {
  const answer: PeerEventsAnswer = { applied: 0, duplicates: 0, refused: [] };
  const orderEvents: { event: OrderEvent; place: RecordPlace }[] = [];
  relayed.events.forEach((raw, index) => {
    const checked = checkOrderEvent(raw, context);
    if ('reason' in checked) answer.refused.push({ index, reason: checked.reason.slice(0, MAX_REFUSAL_REASON) });
    else orderEvents.push(checked);
  });
  const kitchenEvents: KitchenEvent[] = [];
  relayed.kitchen.forEach((raw, index) => {
    const checked = checkPeerKitchenEvent(raw, context.merchantId);
    if ('reason' in checked)
      answer.refused.push({ index: relayed.events.length + index, reason: checked.reason.slice(0, MAX_REFUSAL_REASON) });
    else kitchenEvents.push(checked.event);
  });
  if (orderEvents.length + kitchenEvents.length === 0) return answer;
  storage.transact((tx) => {
    for (const { event, place } of orderEvents) {
      const outcome = tx.savepoint(() => sequenceEvent(tx, event, { canEnrich: false, now }));
      if (outcome === 'duplicate' || outcome === 'stale') answer.duplicates += 1;
      else {
        answer.applied += 1;
        tx.audit.received(event, place, now);
      }
    }
    for (const event of kitchenEvents) {
      if (applyKitchenEvent(tx, event, context, now)) answer.applied += 1;
      else answer.duplicates += 1;
    }
  });
  return answer;
}
