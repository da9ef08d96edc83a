import { kitchenEventSchema, type KitchenEvent } from '../../../shared/kitchen-events';
import { describeZodError } from '../../../shared/order-events';
import { MAX_REFUSAL_REASON, travelsToPeers, type PeerEventsAnswer } from '../../../shared/peer-protocol';
import type { Storage } from '../store/storage';

/** Who sent a batch: the paired peer its token names, of this terminal's kitchen. */
export interface PeerSender {
  merchantId: string;
  terminalId: string;
}

/**
 * Why one kitchen event from a peer is refused, or the event when it may be applied. `author`:
 * the terminal the event must name (a peer's own actions); absent for a relayed log.
 */
export function checkPeerKitchenEvent(raw: unknown, merchantId: string, author?: string): { event: KitchenEvent } | { reason: string } {
  const parsed = kitchenEventSchema.safeParse(raw);
  if (!parsed.success) return { reason: `not a kitchen event: ${describeZodError(parsed.error)}` };
  const event = parsed.data;
  if (event.merchantId !== merchantId) return { reason: `merchant ${event.merchantId} is not this kitchen's` };
  // A peer speaks for itself only: an event naming another terminal is forged, or relayed, and both are refused.
  if (author !== undefined && event.terminalId !== author)
    return { reason: `terminal ${author} sent an event of terminal ${event.terminalId}` };
  if (!travelsToPeers(event.type)) return { reason: `${event.type} is not sent between peers: it comes from Kafka` };
  return { event };
}

/**
 * A peer's cook actions, applied in one transaction as if read from the topic — the kitchen
 * model's rules decide what wins, and the kitchen log's ids make a second copy (a replay, the
 * same event later from Kafka) a duplicate that changes nothing. Nothing goes to the outbox:
 * the peer publishes its own events, exactly once.
 */
export function applyPeerEvents(storage: Storage, sender: PeerSender, batch: readonly unknown[], now: number): PeerEventsAnswer {
  const answer: PeerEventsAnswer = { applied: 0, duplicates: 0, refused: [] };
  const events: KitchenEvent[] = [];
  batch.forEach((raw, index) => {
    const checked = checkPeerKitchenEvent(raw, sender.merchantId, sender.terminalId);
    if ('reason' in checked) answer.refused.push({ index, reason: checked.reason.slice(0, MAX_REFUSAL_REASON) });
    else events.push(checked.event);
  });
  if (events.length === 0) return answer;
  storage.transact((tx) => {
    for (const event of events) {
      if (!tx.audit.kitchen(event, now)) {
        answer.duplicates += 1;
        continue;
      }
      answer.applied += 1;
      if (tx.kitchen.apply(event)) tx.changes.kitchenOf(event.orderId);
    }
  });
  return answer;
}
