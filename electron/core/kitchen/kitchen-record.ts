import { kitchenEventSchema } from '../../../shared/kitchen-events';
import { decodeRecord, type DecodeContext, type IncomingRecord } from '../ingest/decode-record';
import type { IngestStore } from '../store/ingest-store';
import type { KitchenStore } from './kitchen-store';
import type { OutboxStore } from './outbox-store';

export type KitchenRecordOutcome = 'applied' | 'unchanged' | 'already-applied' | 'other-merchant' | 'dead-lettered';

/**
 * Applies one record of the kitchen-events topic inside the chunk's transaction. An event
 * this terminal sent comes back here: it leaves the outbox (it is on the topic, whatever
 * happened to the acknowledgement) and, being already applied locally, changes nothing.
 */
export function processKitchenRecord(
  store: IngestStore,
  kitchen: KitchenStore,
  outbox: OutboxStore,
  record: IncomingRecord,
  context: DecodeContext,
  now: number,
): KitchenRecordOutcome {
  const decoded = decodeRecord(store, record, kitchenEventSchema, context, now);
  if ('skipped' in decoded) return decoded.skipped;
  outbox.confirm(decoded.event.eventId);
  return kitchen.apply(decoded.event) ? 'applied' : 'unchanged';
}
