import type { KitchenEvent } from '../../../shared/kitchen-events';
import type { DeferredWrites } from './deferred-writes';
import type { Db } from './open-database';

/** Where a record was read from. */
export interface RecordPlace {
  topic: string;
  partition: number;
  offset: string;
}

export interface ReceiptRow {
  event_id: string;
  version: number;
  type: string;
  topic: string;
  partition: number;
  offset: string;
  occurred_at: string;
  received_at: number;
}

/** A kitchen-log row as a peer rebuilt empty is given it: the event's fields, the bump's order version. */
type LoggedKitchenRow = Omit<KitchenLogRow, 'received_at'> & { order_version: number | null };

export interface KitchenLogRow {
  event_id: string;
  type: string;
  station: string | null;
  line_id: string | null;
  course: number | null;
  terminal_id: string;
  occurred_at: string;
  received_at: number;
}

export interface BumpRow {
  order_id: string;
  type: 'TICKET_BUMPED' | 'TICKET_RECALLED';
  station: string | null;
  occurred_at: string;
  event_id: string;
}

interface MatchRow {
  order_id: string;
  display_number: string;
  placed_at: string | null;
  status: string;
}

const toMatch = (row: MatchRow): OrderMatch => ({
  orderId: row.order_id,
  displayNumber: row.display_number,
  placedAt: row.placed_at,
  status: row.status,
});

export interface OrderMatch {
  orderId: string;
  displayNumber: string;
  placedAt: string | null;
  status: string;
}

/** What the reports read, as SQL (reports-plan.test.ts proves each is answered from an index). */
export const REPORT_QUERIES = {
  bumpedBetween: "SELECT DISTINCT order_id FROM kitchen_log WHERE type = 'TICKET_BUMPED' AND occurred_at >= ? AND occurred_at < ?",
  bumpsAndRecalls: `SELECT order_id, type, station, occurred_at, event_id FROM kitchen_log
    WHERE order_id IN (SELECT value FROM json_each(?)) AND type IN ('TICKET_BUMPED', 'TICKET_RECALLED')`,
  receipts: `SELECT event_id, version, type, topic, partition, offset, occurred_at, received_at FROM order_receipts
    WHERE received_at >= ? AND order_id = ?`,
  kitchenOf: 'SELECT event_id, type, station, line_id, course, terminal_id, occurred_at, received_at FROM kitchen_log WHERE order_id = ?',
  shownAt: 'SELECT shown_at FROM ticket_shown WHERE shown_at >= ? AND order_id = ? ORDER BY shown_at LIMIT 1',
  /** A scan of the orders kept (bounded by retention): an index on it cost every order write, the search is rare. */
  byDisplayNumber: `SELECT order_id, display_number, placed_at, status FROM orders
    WHERE display_number = ? ORDER BY placed_at DESC LIMIT ?`,
} as const;

/** An order_receipts row's columns, in the order `received` binds them. */
export const RECEIPT_COLUMNS = [
  'received_at',
  'event_id',
  'order_id',
  'version',
  'type',
  'topic',
  'partition',
  'offset',
  'occurred_at',
] as const;

/**
 * Receipts per INSERT during a chunk: 3.2 µs a receipt one row at a time, 2.3 µs in statements of
 * many rows (BENCHMARKS.md, durable floor prototype), and 32 × 9 parameters stay far below SQLite's limit.
 */
export const RECEIPTS_PER_INSERT = 32;

/** The INSERT of `rows` receipts (the durable-floor bench prepares the terminal's own). */
export function receiptInsert(rows: number): string {
  const row = `(${RECEIPT_COLUMNS.map(() => '?').join(', ')})`;
  return `INSERT OR IGNORE INTO order_receipts (${RECEIPT_COLUMNS.join(', ')}) VALUES ${Array.from({ length: rows }, () => row).join(', ')}`;
}

/**
 * The terminal's own log of an order's life: each order event the first time it was received
 * (with its partition and offset), the first time this screen showed the order, and every
 * kitchen event from any terminal of the kitchen (the terminal that acted, and when it did).
 * Receipts and shows are written on the catch-up's path: keyed by time, they are appended, and an
 * order's are read from its placing time on. Kitchen events are keyed by order (echoes written
 * once, an order's read in one range) and leave with it.
 */
export class AuditTrail implements DeferredWrites {
  private readonly statements;
  /** Receipts taken since `deferWrites`, flattened in RECEIPT_COLUMNS' order: a chunk inserts them many rows at a time. */
  private readonly pending: (string | number)[] = [];
  private deferring = false;

  constructor(db: Db) {
    this.statements = {
      received: db.prepare(receiptInsert(1)),
      receivedMany: db.prepare(receiptInsert(RECEIPTS_PER_INSERT)),
      kitchen: db.prepare(`INSERT OR IGNORE INTO kitchen_log
        (order_id, event_id, type, station, line_id, course, terminal_id, occurred_at, received_at, order_version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
      kitchenEventsOf: db.prepare(
        'SELECT event_id, type, station, line_id, course, terminal_id, occurred_at, order_version FROM kitchen_log WHERE order_id = ? ORDER BY occurred_at, event_id',
      ),
      shown: db.prepare('INSERT OR IGNORE INTO ticket_shown (shown_at, order_id) VALUES (?, ?)'),
      receipts: db.prepare(REPORT_QUERIES.receipts),
      kitchenOf: db.prepare(REPORT_QUERIES.kitchenOf),
      shownAt: db.prepare(REPORT_QUERIES.shownAt).pluck(),
      pruneShown: db.prepare('DELETE FROM ticket_shown WHERE shown_at < ?'),
      byDisplayNumber: db.prepare(REPORT_QUERIES.byDisplayNumber),
      byOrderId: db.prepare(
        'SELECT order_id, COALESCE(display_number, order_id) AS display_number, placed_at, status FROM orders WHERE order_id = ?',
      ),
      bumpedBetween: db.prepare(REPORT_QUERIES.bumpedBetween).pluck(),
      finalsOf: db.prepare(REPORT_QUERIES.bumpsAndRecalls),
      pruneReceipts: db.prepare('DELETE FROM order_receipts WHERE received_at < ?'),
      forgetKitchen: db.prepare('DELETE FROM kitchen_log WHERE order_id = ?'),
    };
  }

  received(
    event: { eventId: string; orderId: string; version: number; type: string; occurredAt: string },
    place: RecordPlace,
    receivedAt: number,
  ): void {
    const { eventId, orderId, version, type, occurredAt } = event;
    if (!this.deferring) {
      this.statements.received.run(receivedAt, eventId, orderId, version, type, place.topic, place.partition, place.offset, occurredAt);
      return;
    }
    this.pending.push(receivedAt, eventId, orderId, version, type, place.topic, place.partition, place.offset, occurredAt);
    if (this.pending.length === RECEIPTS_PER_INSERT * RECEIPT_COLUMNS.length) {
      this.statements.receivedMany.run(this.pending);
      this.pending.length = 0;
    }
  }

  /**
   * From now until `writeDeferred`, receipts are inserted many rows to a statement (a chunk of a
   * catch-up receives hundreds of events). Reading receipts writes what is pending first.
   */
  deferWrites(): void {
    this.deferring = true;
  }

  /** Writes the receipts taken since `deferWrites`, and writes each at once again. */
  writeDeferred(): void {
    this.deferring = false;
    this.writePending();
  }

  /** The transaction rolled back: the receipts taken in it were never received. */
  forgetPending(): void {
    this.deferring = false;
    this.pending.length = 0;
  }

  private writePending(): void {
    const row = RECEIPT_COLUMNS.length;
    for (let start = 0; start < this.pending.length; start += row) this.statements.received.run(this.pending.slice(start, start + row));
    this.pending.length = 0;
  }

  /** False when the event was logged before (its id is known): the log makes a second copy a duplicate. */
  kitchen(event: KitchenEvent, receivedAt: number): boolean {
    return (
      this.statements.kitchen.run(
        event.orderId,
        event.eventId,
        event.type,
        event.station ?? null,
        event.lineId ?? null,
        event.course ?? null,
        event.terminalId,
        new Date(event.occurredAt).toISOString(),
        receivedAt,
        event.orderVersion ?? null,
      ).changes > 0
    );
  }

  shown(orderIds: readonly string[], at: number): void {
    for (const orderId of orderIds) this.statements.shown.run(at, orderId);
  }

  /** The order's receipts, looking from `since` (a day before it was placed) onwards. */
  receipts(orderId: string, since: number): ReceiptRow[] {
    this.writePending();
    return this.statements.receipts.all(since, orderId) as ReceiptRow[];
  }

  /** The order's kitchen events as this terminal logged them (for a peer rebuilt empty), oldest first. */
  kitchenEventsOf(orderId: string, merchantId: string): KitchenEvent[] {
    return (this.statements.kitchenEventsOf.all(orderId) as LoggedKitchenRow[]).map(
      (row) =>
        Object.fromEntries(
          Object.entries({
            eventId: row.event_id,
            type: row.type,
            orderId,
            merchantId,
            terminalId: row.terminal_id,
            station: row.station ?? undefined,
            lineId: row.line_id ?? undefined,
            course: row.course ?? undefined,
            orderVersion: row.order_version ?? undefined,
            occurredAt: row.occurred_at,
          }).filter(([, value]) => value !== undefined),
        ) as unknown as KitchenEvent,
    );
  }

  kitchenOf(orderId: string): KitchenLogRow[] {
    return this.statements.kitchenOf.all(orderId) as KitchenLogRow[];
  }

  /** The first time this screen showed the order, looking from `since` (its first receipt) onwards. */
  shownAt(orderId: string, since: number): number | undefined {
    return this.statements.shownAt.get(since, orderId) as number | undefined;
  }

  /** Receipts and first shows are kept by time: those older than history leave in two range deletes. */
  pruneBefore(cutoff: number): number {
    return this.statements.pruneReceipts.run(cutoff).changes + this.statements.pruneShown.run(cutoff).changes;
  }

  /** Orders with this display number (they repeat from day to day), newest first; an order id finds its order too. */
  find(query: string, limit = 20): OrderMatch[] {
    const rows = [
      ...(this.statements.byDisplayNumber.all(query, limit) as MatchRow[]),
      ...(this.statements.byOrderId.all(query) as MatchRow[]),
    ];
    return [...new Map(rows.map((row) => [row.order_id, toMatch(row)])).values()];
  }

  /** The order with this id, as the search shows it. */
  order(orderId: string): OrderMatch | undefined {
    const row = this.statements.byOrderId.get(orderId) as MatchRow | undefined;
    return row ? toMatch(row) : undefined;
  }

  /** Orders with a bump in [from, to) (UTC ISO), through the bumps' time index. */
  bumpedBetween(from: string, to: string): string[] {
    return this.statements.bumpedBetween.all(from, to) as string[];
  }

  /** Every bump and recall of these orders (any station, any terminal). */
  bumpsAndRecalls(orderIds: readonly string[]): BumpRow[] {
    return this.statements.finalsOf.all(JSON.stringify(orderIds)) as BumpRow[];
  }

  forget(orderId: string): void {
    this.statements.forgetKitchen.run(orderId);
  }
}
