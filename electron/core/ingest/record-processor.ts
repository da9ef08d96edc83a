import { isKnownEventType, orderEventSchema, type OrderEvent } from '../../../shared/order-events';
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
  const decoded = decodeRecord(tx, record, orderEventSchema, context, now);
  if ('skipped' in decoded) return decoded.skipped;
  const event = decoded.event;
  const live = record.live === true;
  if (live) context.noteClockSkew?.(Date.parse(event.occurredAt) - now);
  try {
    // A savepoint: a throwing apply rolls back only this event, which then waits in the retry queue.
    const outcome = tx.savepoint(() => sequenceEvent(tx, event, { canEnrich: context.canEnrich, now, live }));
    noteReceipt(tx, event, record, outcome, now);
    // A newer producer's event type: it keeps the order's versions contiguous and changes nothing else.
    return outcome === 'applied' && !isKnownEventType(event.type) ? 'unknown-type' : outcome;
  } catch (error) {
    tx.queue.enqueue(event.orderId, 'EVENT', event, now + context.retryBaseDelayMs, 1, `apply failed: ${(error as Error).message}`);
    tx.audit.received(event, record, now);
    return 'failed';
  }
}

/**
 * The audit trail's "received (partition, offset)": an applied event's receipt goes in its order's
 * row, written with it; one applied later (parked, queued, waiting for enrichment) in the receipt
 * log. A duplicate or stale record adds nothing: the first receipt of an event is the one kept.
 */
function noteReceipt(tx: Tx, event: OrderEvent, record: IncomingRecord, outcome: Outcome, now: number): void {
  if (outcome === 'duplicate' || outcome === 'stale') return;
  const receipt = {
    eventId: event.eventId,
    version: event.version,
    type: event.type,
    topic: record.topic,
    partition: record.partition,
    offset: record.offset,
    occurredAt: event.occurredAt,
    receivedAt: now,
  };
  if (outcome !== 'applied' || !tx.orders.noteReceipt(event.orderId, receipt)) tx.audit.received(event, record, now);
}
