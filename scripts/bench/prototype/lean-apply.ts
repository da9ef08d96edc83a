import type { Db } from '../../../electron/core/store/open-database';
import { openDatabase } from '../../../electron/core/store/open-database';
import { orderEventReader } from '../../../shared/order-event-reader';

/**
 * A prototype, not the product: the next design step BENCHMARKS.md measures ("Seventh look").
 * One batch of records reduced to what the apply writes, flat so that handing it to another
 * thread is a copy of strings and numbers, not of an object graph: per record
 * `FIELDS_PER_RECORD` values (event id, order id, version, type, occurred at, the order's
 * snapshot as JSON or null, offset).
 */
export interface LeanBatch {
  partition: number;
  /** Records read, refused ones included. */
  records: number;
  /** Records the reader refused (the product would dead-letter them; the bench's stream has none). */
  refused: number;
  values: (string | number | null)[];
}

export const FIELDS_PER_RECORD = 7;

/**
 * How an event's snapshot reaches the order's row: serialised from the event read (as the terminal
 * does), or the record's own text kept as it came (a reader of the row parses it and takes `order`).
 */
export type SnapshotText = 'stringify' | 'record-text';

/** The decoding half: JSON.parse, the terminal's reader, the snapshot's text. */
export function leanBatch(
  partition: number,
  messages: readonly { offset: string; value: Buffer | null }[],
  snapshotText: SnapshotText = 'stringify',
): LeanBatch {
  const values: LeanBatch['values'] = [];
  let refused = 0;
  for (const message of messages) {
    const text = message.value?.toString('utf8');
    const read = text === undefined ? undefined : orderEventReader.safeParse(JSON.parse(text));
    if (!read?.success) {
      refused += 1;
      continue;
    }
    const event = read.data;
    const snapshot = event.order ? (snapshotText === 'stringify' ? JSON.stringify(event.order) : (text as string)) : null;
    values.push(event.eventId, event.orderId, event.version, event.type, event.occurredAt, snapshot, Number(message.offset));
  }
  return { partition, records: messages.length, refused, values };
}

/**
 * The applying half, on the terminal's own database (its schema, WAL): idempotence by the version
 * in the order's row, each order read once (then kept in memory) and written once per batch, a gap
 * parked, the batch's receipts in one row, the partition's next offset in the same transaction.
 * What it leaves out of the product's apply: the snapshot history, the ordering rules beyond
 * versions (a cancel at once, enrichment, the retry queue), the screen's projection.
 */
export class LeanApply {
  readonly db: Db;
  private readonly versions = new Map<string, number>();
  private readonly statements;
  private readonly applyBatch: (batch: LeanBatch) => number;
  applied = 0;
  duplicates = 0;
  parked = 0;
  refused = 0;
  /** Milliseconds spent inside `apply` (this thread's share of the drain). */
  applyMs = 0;

  constructor(dataDir: string) {
    this.db = openDatabase(dataDir);
    this.db.pragma('synchronous = NORMAL');
    this.db.exec(`CREATE TABLE IF NOT EXISTS prototype_receipts (partition INTEGER NOT NULL, first_offset INTEGER NOT NULL,
      received_at INTEGER NOT NULL, receipts TEXT NOT NULL, PRIMARY KEY (partition, first_offset)) STRICT;
      CREATE TABLE IF NOT EXISTS prototype_parked (event_id TEXT PRIMARY KEY, order_id TEXT NOT NULL, version INTEGER NOT NULL) STRICT;
      CREATE TABLE IF NOT EXISTS prototype_offsets (partition INTEGER PRIMARY KEY, next_offset INTEGER NOT NULL) STRICT`);
    this.statements = {
      version: this.db.prepare('SELECT applied_version FROM orders WHERE order_id = ?').pluck(),
      upsert: this.db.prepare(`INSERT INTO orders (order_id, merchant_id, applied_version, status, snapshot, updated_at, last_event_type)
        VALUES (?, 'm-1', ?, 'OPEN', ?, ?, ?) ON CONFLICT (order_id) DO UPDATE SET applied_version = excluded.applied_version,
        snapshot = COALESCE(excluded.snapshot, snapshot), updated_at = excluded.updated_at, last_event_type = excluded.last_event_type`),
      receipts: this.db.prepare('INSERT INTO prototype_receipts (partition, first_offset, received_at, receipts) VALUES (?, ?, ?, ?)'),
      park: this.db.prepare('INSERT OR IGNORE INTO prototype_parked (event_id, order_id, version) VALUES (?, ?, ?)'),
      offset: this.db.prepare('INSERT OR REPLACE INTO prototype_offsets (partition, next_offset) VALUES (?, ?)'),
    };
    this.applyBatch = this.db.transaction((batch: LeanBatch) => this.write(batch));
  }

  /** Applies a batch in one transaction; returns how many records it held. */
  apply(batch: LeanBatch): number {
    const started = performance.now();
    const records = this.applyBatch(batch);
    this.applyMs += performance.now() - started;
    return records;
  }

  private write({ partition, records, refused, values }: LeanBatch): number {
    this.refused += refused;
    const touched = new Map<string, { version: number; snapshot: string | null; at: string; type: string }>();
    const receipts: (string | number)[] = [];
    for (let at = 0; at < values.length; at += FIELDS_PER_RECORD) {
      const eventId = values[at] as string;
      const orderId = values[at + 1] as string;
      const version = values[at + 2] as number;
      const known = this.knownVersion(orderId);
      if (version <= known) {
        this.duplicates += 1;
        continue;
      }
      if (version > known + 1) {
        this.statements.park.run(eventId, orderId, version);
        this.parked += 1;
        continue;
      }
      this.versions.set(orderId, version);
      const previous = touched.get(orderId);
      const snapshot = (values[at + 5] as string | null) ?? previous?.snapshot ?? null;
      touched.set(orderId, { version, snapshot, at: values[at + 4] as string, type: values[at + 3] as string });
      receipts.push(eventId, values[at + 6] as number);
      this.applied += 1;
    }
    for (const [orderId, row] of touched) this.statements.upsert.run(orderId, row.version, row.snapshot, row.at, row.type);
    // Keyed by the first offset received: a batch read again after a crash receives only what it did not apply.
    const firstReceived = receipts[1];
    if (firstReceived !== undefined) this.statements.receipts.run(partition, firstReceived, Date.now(), JSON.stringify(receipts));
    const last = values[values.length - 1] as number | undefined;
    if (last !== undefined) this.statements.offset.run(partition, last + 1);
    return records;
  }

  private knownVersion(orderId: string): number {
    const cached = this.versions.get(orderId);
    if (cached !== undefined) return cached;
    const stored = (this.statements.version.get(orderId) as number | undefined) ?? 0;
    this.versions.set(orderId, stored);
    return stored;
  }
}
