import { createHash, randomUUID } from 'node:crypto';
import type { KitchenEvent } from '../../../shared/kitchen-events';
import { travelsToPeers } from '../../../shared/peer-protocol';
import type { Tx } from '../store/storage';

/** Who acts: the kitchen's merchant and this terminal. */
export interface Actor {
  merchantId: string;
  terminalId: string;
}

export type EventBody = Omit<KitchenEvent, 'eventId' | 'merchantId' | 'terminalId' | 'occurredAt'>;

export function ownEvent(actor: Actor, body: EventBody, occurredAt: string, eventId: string = randomUUID()): KitchenEvent {
  const event: KitchenEvent = { ...body, eventId, merchantId: actor.merchantId, terminalId: actor.terminalId, occurredAt };
  // Absent, not undefined: the stored JSON and the Avro record carry only what was said.
  return Object.fromEntries(Object.entries(event).filter(([, value]) => value !== undefined)) as KitchenEvent;
}

/**
 * A signal decided from another event (a claim, a bump) has an id derived from it: if this
 * terminal's database is rebuilt and decides again while re-reading the topic, the signal it
 * published before comes back with the same id and takes the new copy out of the outbox.
 */
export function derivedEventId(sourceEventId: string, type: string): string {
  const hex = createHash('sha256').update(`${sourceEventId}:${type}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** Kitchen-wide events (86, pause) concern no order: no audit row, no ticket of their own. */
export function isKitchenWide(event: KitchenEvent): boolean {
  return event.orderId.startsWith('kitchen:');
}

/** Queues an event this terminal made for the kitchen-events topic (published when the broker answers). */
export function queueOwnEvent(tx: Tx, event: KitchenEvent, now: number): void {
  if (!isKitchenWide(event)) tx.audit.kitchen(event, now);
  tx.outbox.add(event, now);
  if (travelsToPeers(event.type)) tx.peers.logOwn(event, now);
  tx.changes.ownEventQueued();
}
