import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { orderEventReader } from '../../../shared/order-event-reader';
import { RECEIPT_COLUMNS, RECEIPTS_PER_INSERT, receiptInsert } from '../../../electron/core/store/audit-trail';
import { openDatabase } from '../../../electron/core/store/open-database';
import { simulateStream } from '../../simulator/order-simulator';

export interface DurableFloor {
  events: number;
  /** Each step's cost per event, cumulative: the last is the whole floor. */
  microsPerEvent: { parse: number; validate: number; orderRow: number };
  eventsPerSecond: number;
  /**
   * What keeping each event's receipt (the audit trail, and what a kitchen peer rebuilds orders
   * from) adds on top of the floor: as the terminal keeps it today, a row per event inserted 32
   * rows to a statement (audit-trail.ts), and as a next design step would, one row per chunk
   * holding the chunk's receipts (a prototype table).
   */
  receiptMicrosPerEvent: { perEvent: number; perChunk: number };
  /** Order rows in the database after the whole floor's last round: the writes were really taken. */
  ordersWritten: number;
}

/** Events per write transaction: about what one of the terminal's 25-ms chunks takes in. */
const PER_TRANSACTION = 600;

function median(values: number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
}

/**
 * The least any terminal must pay per event under the event contract (docs/DESIGN.md §3), without
 * Kafka and without the ordering rules: parse the record's JSON, validate it (the terminal's
 * reader) and write its order's row unless the row already has its version (idempotence by version,
 * docs/DESIGN.md §3) — in the terminal's own database (its schema, WAL, replayable commits), one
 * transaction per chunk. What a catch-up ratio can reach is bounded
 * by this: a drain cannot be faster than its floor.
 */
export function durableFloor(events: number, rounds: number): DurableFloor {
  const records = simulateStream({ merchants: ['m-1'], ordersPerMerchant: Math.ceil(events / 3.3), seed: 7 }).slice(0, events);
  const values = records.map((record) => Buffer.from(record.value));
  const steps = {
    parse: [] as number[],
    validate: [] as number[],
    orderRow: [] as number[],
    receiptPerEvent: [] as number[],
    receiptPerChunk: [] as number[],
  };
  let ordersWritten = 0;
  for (let round = 0; round < rounds; round += 1) {
    for (const step of ['parse', 'validate', 'orderRow', 'receiptPerEvent', 'receiptPerChunk'] as const) {
      const timed = timeSteps(values, step);
      steps[step].push(timed.elapsedMs);
      if (step === 'orderRow') ordersWritten = timed.orders;
    }
  }
  const perEvent = (ms: number) => (ms * 1000) / values.length;
  const whole = median(steps.orderRow);
  return {
    events: values.length,
    microsPerEvent: {
      parse: perEvent(median(steps.parse)),
      validate: perEvent(median(steps.validate)),
      orderRow: perEvent(whole),
    },
    eventsPerSecond: values.length / (whole / 1000),
    receiptMicrosPerEvent: {
      perEvent: perEvent(median(steps.receiptPerEvent) - whole),
      perChunk: perEvent(median(steps.receiptPerChunk) - whole),
    },
    ordersWritten,
  };
}

/**
 * Milliseconds to take every record through the steps up to `last` (each includes those before
 * it), and the order rows it left.
 */
function timeSteps(
  values: Buffer[],
  last: keyof DurableFloor['microsPerEvent'] | 'receiptPerEvent' | 'receiptPerChunk',
): { elapsedMs: number; orders: number } {
  const dataDir = mkdtempSync(join(tmpdir(), 'kds-floor-'));
  const db = openDatabase(dataDir);
  db.pragma('synchronous = NORMAL');
  const orderRow = db.prepare(`INSERT INTO orders (order_id, merchant_id, applied_version, status, snapshot, updated_at, last_event_type)
    VALUES (?, ?, ?, 'OPEN', ?, ?, ?) ON CONFLICT (order_id) DO UPDATE SET applied_version = excluded.applied_version,
    snapshot = COALESCE(excluded.snapshot, snapshot), updated_at = excluded.updated_at, last_event_type = excluded.last_event_type
    WHERE excluded.applied_version > orders.applied_version`);
  // The terminal's own receipt statements (audit-trail.ts): one row, and as many as it inserts at a time.
  const receipt = db.prepare(receiptInsert(1));
  const receiptsMany = db.prepare(receiptInsert(RECEIPTS_PER_INSERT));
  const row = RECEIPT_COLUMNS.length;
  // The prototype: a chunk's receipts in one row (not in the product's schema).
  db.exec('CREATE TABLE chunk_receipts (first_offset INTEGER PRIMARY KEY, receipts TEXT NOT NULL) STRICT');
  const chunkReceipts = db.prepare('INSERT INTO chunk_receipts (first_offset, receipts) VALUES (?, ?)');
  const chunk = db.transaction((from: number) => {
    const receipts: unknown[] = [];
    const pendingRows: (string | number)[] = [];
    const now = Date.now();
    for (let index = from; index < Math.min(from + PER_TRANSACTION, values.length); index += 1) {
      const json: unknown = JSON.parse((values[index] as Buffer).toString('utf8'));
      if (last === 'parse') continue;
      const read = orderEventReader.safeParse(json);
      if (!read.success) throw read.error;
      const event = read.data;
      if (last === 'validate') continue;
      const snapshot = 'order' in event && event.order ? JSON.stringify(event.order) : null;
      orderRow.run(event.orderId, event.merchantId, event.version, snapshot, event.occurredAt, event.type);
      if (last === 'receiptPerEvent') {
        pendingRows.push(now, event.eventId, event.orderId, event.version, event.type, 'floor.orders', 0, String(index), event.occurredAt);
        if (pendingRows.length === RECEIPTS_PER_INSERT * row) receiptsMany.run(pendingRows.splice(0));
      }
      if (last === 'receiptPerChunk') receipts.push([event.eventId, event.orderId, event.version, event.type, index, event.occurredAt]);
    }
    for (let start = 0; start < pendingRows.length; start += row) receipt.run(pendingRows.slice(start, start + row));
    if (last === 'receiptPerChunk') chunkReceipts.run(from, JSON.stringify(receipts));
  });
  const started = performance.now();
  for (let from = 0; from < values.length; from += PER_TRANSACTION) chunk(from);
  const elapsedMs = performance.now() - started;
  const { orders } = db.prepare('SELECT COUNT(*) AS orders FROM orders').get() as { orders: number };
  db.close();
  rmSync(dataDir, { recursive: true, force: true });
  return { elapsedMs, orders };
}
