import { orderEventReader } from '../../../shared/order-event-reader';
import { isKnownEventType } from '../../../shared/order-events';
import type { Tx } from '../store/storage';
import { decodeRecord, type DecodeContext, type IncomingRecord } from './decode-record';
import { sequenceEvent, type Outcome } from './sequencer';

export type { IncomingRecord } from './decode-record';

export interface ProcessorContext extends DecodeContext {
  canEnrich: boolean;
  retryBaseDelayMs: number;
  /** Producer clock minus this terminal's, for events that arrived live (diagnostics show the largest). */
  noteClockSkew?: (skewMs: number) => void;
}

export type RecordOutcome = Outcome | 'unknown-type' | 'already-applied' | 'other-merchant' | 'dead-lettered' | 'failed';

/**
 * Applies one order record inside the caller's transaction: the shared decode checks, then
 * sequencing. A record never throws: a failing apply goes to the retry queue.
 */
export function processRecord(tx: Tx, record: IncomingRecord, context: ProcessorContext, now: number): RecordOutcome {
  const decoded = decodeRecord(tx, record, orderEventReader, context, now);
  if ('skipped' in decoded) return decoded.skipped;
  const event = decoded.event;
  const live = record.live === true;
  if (live) context.noteClockSkew?.(Date.parse(event.occurredAt) - now);
  try {
    // A savepoint: a throwing apply rolls back only this event, which then waits in the retry queue.
    const outcome = tx.savepoint(() => sequenceEvent(tx, event, { canEnrich: context.canEnrich, now, live }));
    // Where and when it was received (the audit trail), once per event: a duplicate or stale copy adds nothing.
    if (outcome !== 'duplicate' && outcome !== 'stale') tx.audit.received(event, record, now);
    // A newer producer's event type: it keeps the order's versions contiguous and changes nothing else.
    return outcome === 'applied' && !isKnownEventType(event.type) ? 'unknown-type' : outcome;
  } catch (error) {
    tx.queue.enqueue(event.orderId, 'EVENT', event, now + context.retryBaseDelayMs, 1, `apply failed: ${(error as Error).message}`);
    tx.changes.retryWork();
    tx.audit.received(event, record, now);
    return 'failed';
  }
}
