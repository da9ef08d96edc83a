import { describeZodError, MERCHANT_HEADER, orderEventSchema, type OrderEvent } from '../../../shared/order-events';
import type { IngestStore } from '../store/ingest-store';
import { sequenceEvent, type Outcome } from './sequencer';

/** One Kafka record as the ingest path needs it (kafkajs' message shape, reduced). */
export interface IncomingRecord {
  topic: string;
  partition: number;
  offset: string;
  value: Buffer | null;
  headers?: Record<string, Buffer | string | (Buffer | string)[] | undefined>;
}

export interface ProcessorContext {
  merchantId: string;
  maxRecordBytes: number;
  canEnrich: boolean;
  retryBaseDelayMs: number;
}

export type RecordOutcome = Outcome | 'already-applied' | 'other-merchant' | 'dead-lettered' | 'failed';

function headerText(value: Buffer | string | (Buffer | string)[] | undefined): string | undefined {
  const first = Array.isArray(value) ? value[0] : value;
  return first === undefined ? undefined : first.toString();
}

/**
 * Applies one record inside the caller's transaction: header filter (before any parsing),
 * size cap, JSON, schema, merchant check, then sequencing. A record never throws: poison is
 * dead-lettered and a failing apply goes to the retry queue, so the partition keeps moving.
 */
export function processRecord(store: IngestStore, record: IncomingRecord, context: ProcessorContext, now: number): RecordOutcome {
  const stored = store.nextOffset(record.topic, record.partition);
  if (stored !== undefined && BigInt(record.offset) < BigInt(stored)) return 'already-applied';

  const headerMerchant = headerText(record.headers?.[MERCHANT_HEADER]);
  if (headerMerchant !== undefined && headerMerchant !== context.merchantId) return 'other-merchant';

  const where = { topic: record.topic, partition: record.partition, offset: record.offset };
  const raw = record.value ?? Buffer.alloc(0);
  if (raw.length > context.maxRecordBytes) {
    store.deadLetter(
      {
        ...where,
        reason: 'OVERSIZED',
        detail: `record of ${raw.length} bytes exceeds the ${context.maxRecordBytes}-byte limit`,
        raw,
        rawSize: raw.length,
      },
      now,
    );
    return 'dead-lettered';
  }
  let json: unknown;
  try {
    json = JSON.parse(raw.toString('utf8'));
  } catch (error) {
    store.deadLetter({ ...where, reason: 'MALFORMED_JSON', detail: (error as Error).message, raw }, now);
    return 'dead-lettered';
  }
  const parsed = orderEventSchema.safeParse(json);
  if (!parsed.success) {
    const ids = typeof json === 'object' && json !== null ? (json as Record<string, unknown>) : {};
    store.deadLetter(
      {
        ...where,
        reason: 'SCHEMA',
        detail: describeZodError(parsed.error),
        raw,
        orderId: typeof ids.orderId === 'string' ? ids.orderId : undefined,
        eventId: typeof ids.eventId === 'string' ? ids.eventId : undefined,
      },
      now,
    );
    return 'dead-lettered';
  }
  const event = parsed.data;
  if (event.merchantId !== context.merchantId) return 'other-merchant';

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

/**
 * Applies the head of `records` (one partition, in offset order) in one transaction together
 * with the next offset, stopping once `budgetMs` is spent so the event loop (Electron's main
 * thread) is never blocked for long. Returns how many records it took and their outcomes.
 */
export function processChunk(
  store: IngestStore,
  records: IncomingRecord[],
  context: ProcessorContext,
  now: number,
  budgetMs = Infinity,
): { taken: number; counts: Map<RecordOutcome, number> } {
  const counts = new Map<RecordOutcome, number>();
  let taken = 0;
  store.db.transaction(() => {
    const deadline = performance.now() + budgetMs;
    for (const record of records) {
      const outcome = processRecord(store, record, context, now);
      counts.set(outcome, (counts.get(outcome) ?? 0) + 1);
      taken += 1;
      if (performance.now() >= deadline) break;
    }
    const last = records[taken - 1];
    if (last) {
      const next = (BigInt(last.offset) + 1n).toString();
      const stored = store.nextOffset(last.topic, last.partition);
      if (stored === undefined || BigInt(next) > BigInt(stored)) store.setNextOffset(last.topic, last.partition, next, now);
    }
    store.bumpCounters(new Map([...counts].map(([outcome, n]) => [`records.${outcome}`, n])));
  })();
  return { taken, counts };
}
