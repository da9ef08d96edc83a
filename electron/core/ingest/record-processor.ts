import { orderEventSchema, type OrderEvent } from '../../../shared/order-events';
import type { IngestStore } from '../store/ingest-store';
import { decodeRecord, type DecodeContext, type IncomingRecord } from './decode-record';
import { sequenceEvent, type Outcome } from './sequencer';

export type { IncomingRecord } from './decode-record';

export interface ProcessorContext extends DecodeContext {
  canEnrich: boolean;
  retryBaseDelayMs: number;
}

export type RecordOutcome = Outcome | 'already-applied' | 'other-merchant' | 'dead-lettered' | 'failed';

/**
 * Applies one order record inside the caller's transaction: the shared decode checks, then
 * sequencing. A record never throws: a failing apply goes to the retry queue.
 */
export function processRecord(store: IngestStore, record: IncomingRecord, context: ProcessorContext, now: number): RecordOutcome {
  const decoded = decodeRecord(store, record, orderEventSchema, context, now);
  if ('skipped' in decoded) return decoded.skipped;
  const event = decoded.event;
  try {
    // A savepoint: a throwing apply rolls back only this event, which then waits in the retry queue.
    return savepoint(store)(event, context.canEnrich, now);
  } catch (error) {
    store.enqueue(event.orderId, 'EVENT', event, now + context.retryBaseDelayMs, 1, `apply failed: ${(error as Error).message}`);
    return 'failed';
  }
}

type Savepoint = (event: OrderEvent, canEnrich: boolean, now: number) => Outcome;
const savepoints = new WeakMap<IngestStore, Savepoint>();

/** better-sqlite3 runs a nested transaction as a savepoint; the wrapper is built once per store (building it is costly). */
function savepoint(store: IngestStore): Savepoint {
  let run = savepoints.get(store);
  if (!run) {
    run = store.db.transaction((event: OrderEvent, canEnrich: boolean, now: number) => sequenceEvent(store, event, { canEnrich, now }));
    savepoints.set(store, run);
  }
  return run;
}
