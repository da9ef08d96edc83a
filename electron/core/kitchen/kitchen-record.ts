import { isKnownKitchenEventType, kitchenEventSchema } from '../../../shared/kitchen-events';
import { decodeRecord, type DecodeContext, type IncomingRecord } from '../ingest/decode-record';
import type { Tx } from '../store/storage';
import type { KitchenSignals } from './kitchen-signals';
import { isKitchenWide } from './own-event';

export type KitchenRecordOutcome = 'applied' | 'unchanged' | 'unknown-type' | 'already-applied' | 'other-merchant' | 'dead-lettered';

export interface KitchenRecordContext extends DecodeContext {
  /** The kitchen's answers decided from the topic's order (absent: a tool that only reads). */
  signals?: KitchenSignals;
}

/**
 * Applies one record of the kitchen-events topic inside the chunk's transaction. An event
 * this terminal sent comes back here: it leaves the outbox (it is on the topic, whatever
 * happened to the acknowledgement) and, being already applied locally, changes nothing.
 */
export function processKitchenRecord(tx: Tx, record: IncomingRecord, context: KitchenRecordContext, now: number): KitchenRecordOutcome {
  const decoded = decodeRecord(tx, record, kitchenEventSchema, context, now);
  if ('skipped' in decoded) return decoded.skipped;
  const { event } = decoded;
  if (tx.outbox.confirm(event.eventId)) tx.changes.status = true;
  // A newer terminal's kind of action: counted and skipped, so this terminal keeps reading.
  if (!isKnownKitchenEventType(event.type)) return 'unknown-type';
  if (!isKitchenWide(event)) tx.audit.kitchen(event, now);
  const changed = tx.kitchen.apply(event);
  if (changed) tx.changes.kitchenOf(event.orderId);
  context.signals?.onTopicEvent(tx, event, now);
  return changed ? 'applied' : 'unchanged';
}
