import { isKnownKitchenEventType, kitchenEventSchema } from '../../../shared/kitchen-events';
import { decodeRecord, type DecodeContext, type IncomingRecord } from '../ingest/decode-record';
import type { Tx } from '../store/storage';

export type KitchenRecordOutcome = 'applied' | 'unchanged' | 'unknown-type' | 'already-applied' | 'other-merchant' | 'dead-lettered';

/**
 * Applies one record of the kitchen-events topic inside the chunk's transaction. An event
 * this terminal sent comes back here: it leaves the outbox (it is on the topic, whatever
 * happened to the acknowledgement) and, being already applied locally, changes nothing.
 */
export function processKitchenRecord(tx: Tx, record: IncomingRecord, context: DecodeContext, now: number): KitchenRecordOutcome {
  const decoded = decodeRecord(tx, record, kitchenEventSchema, context, now);
  if ('skipped' in decoded) return decoded.skipped;
  if (tx.outbox.confirm(decoded.event.eventId)) tx.changes.status = true;
  // A newer terminal's kind of action: counted and skipped, so this terminal keeps reading.
  if (!isKnownKitchenEventType(decoded.event.type)) return 'unknown-type';
  tx.audit.kitchen(decoded.event, now);
  if (!tx.kitchen.apply(decoded.event)) return 'unchanged';
  tx.changes.kitchenOf(decoded.event.orderId);
  return 'applied';
}
