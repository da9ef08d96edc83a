import type { OrderSnapshot } from '../../../shared/order-events';
import type { DeferredWrites } from './deferred-writes';
import type { Db } from './open-database';

/** A void not acknowledged within a day no longer comes back when the screen starts (nor travels to a peer). */
export const VOID_KEPT_MS = 24 * 3600_000;

export type OrderStatus = 'OPEN' | 'CANCELLED' | 'COMPLETED';

export interface OrderRecord {
  orderId: string;
  merchantId: string;
  appliedVersion: number;
  status: OrderStatus;
  snapshot: OrderSnapshot | null;
  previousSnapshot: OrderSnapshot | null;
  paid: boolean;
  cancelReason: string | null;
  possiblyIncomplete: boolean;
  alert: string | null;
  eventsApplied: number;
  placedAt: string | null;
  updatedAt: string;
  lastEventType: string;
  /** When it was completed or cancelled (null while open). */
  closedAt: string | null;
  /** When its last ORDER_UPDATED with a snapshot happened (trusted time), so item timing can be recomputed from then. */
  modifiedAt?: string | null;
  /** The ids of the events applied to it (applied-event-ids.ts); null for an order applied before they were kept. */
  appliedEventIds?: string | null;
  /** The version its snapshot holds from; null for an order stored before it was kept (its snapshots are all in order_snapshots). */
  snapshotVersion?: number | null;
}

interface OrderRow {
  order_id: string;
  merchant_id: string;
  applied_version: number;
  status: OrderStatus;
  snapshot: string | null;
  previous_snapshot: string | null;
  paid: number;
  cancel_reason: string | null;
  possibly_incomplete: number;
  alert: string | null;
  events_applied: number;
  placed_at: string | null;
  updated_at: string;
  last_event_type: string;
  closed_at: string | null;
  modified_at: string | null;
  applied_event_ids: string | null;
  snapshot_version: number | null;
}

/**
 * A text derived from a snapshot, kept on the snapshot object itself under a symbol that is not
 * enumerable (neither JSON, a spread nor postMessage sees it). WeakMaps did this before: during a
 * catch-up their tables grew with every snapshot until the next mark-compact, and an own-merchant
 * catch-up's old-space garbage was 219 MB with them and 204 MB without (sampled, BENCHMARKS.md).
 */
function rememberedText(snapshot: OrderSnapshot, key: symbol): string | undefined {
  return (snapshot as unknown as Record<symbol, string | undefined>)[key];
}

/** Keeps `text` on the snapshot and gives it back. No closure per call: this runs for every order written. */
function remember(snapshot: OrderSnapshot, key: symbol, text: string): string {
  Object.defineProperty(snapshot, key, { value: text, enumerable: false, writable: false, configurable: false });
  return text;
}

/**
 * Snapshots are parsed and serialised on every event of an order; most events (paid,
 * completed) carry the snapshot through unchanged, so each parsed object remembers its JSON.
 */
const JSON_TEXT = Symbol('snapshot JSON');

function parseSnapshot(json: string | null): OrderSnapshot | null {
  if (json === null) return null;
  const snapshot = JSON.parse(json) as OrderSnapshot;
  remember(snapshot, JSON_TEXT, json);
  return snapshot;
}

function serialiseSnapshot(snapshot: OrderSnapshot | null): string | null {
  if (snapshot === null) return null;
  return rememberedText(snapshot, JSON_TEXT) ?? remember(snapshot, JSON_TEXT, JSON.stringify(snapshot));
}

/** The stations of a snapshot's lines, as the `stations` column keeps them (one JSON text per snapshot object). */
const STATIONS_TEXT = Symbol('snapshot stations');
function stationsJson(snapshot: OrderSnapshot | null): string | null {
  if (snapshot === null) return null;
  return (
    rememberedText(snapshot, STATIONS_TEXT) ??
    remember(snapshot, STATIONS_TEXT, JSON.stringify([...new Set(snapshot.items.map((item) => item.station))].sort()))
  );
}

function toRecord(row: OrderRow): OrderRecord {
  return {
    orderId: row.order_id,
    merchantId: row.merchant_id,
    appliedVersion: row.applied_version,
    status: row.status,
    snapshot: parseSnapshot(row.snapshot),
    previousSnapshot: parseSnapshot(row.previous_snapshot),
    paid: row.paid === 1,
    cancelReason: row.cancel_reason,
    possiblyIncomplete: row.possibly_incomplete === 1,
    alert: row.alert,
    eventsApplied: row.events_applied,
    placedAt: row.placed_at,
    updatedAt: row.updated_at,
    lastEventType: row.last_event_type,
    closedAt: row.closed_at,
    modifiedAt: row.modified_at,
    appliedEventIds: row.applied_event_ids,
    snapshotVersion: row.snapshot_version,
  };
}

/** A dueAt as UTC ISO text, so due times compare as text in SQL whatever offset the producer used. */
function utc(time: string | null | undefined): string | null {
  if (!time) return null;
  const parsed = Date.parse(time);
  return Number.isNaN(parsed) ? null : new Date(parsed).toISOString();
}

/** The columns an order's row is written with, in the order `upsert` binds them (order_id first: the key). */
const ORDER_COLUMNS = [
  'order_id',
  'merchant_id',
  'applied_version',
  'status',
  'snapshot',
  'previous_snapshot',
  'paid',
  'cancel_reason',
  'possibly_incomplete',
  'alert',
  'events_applied',
  'placed_at',
  'updated_at',
  'last_event_type',
  'due_at',
  'closed_at',
  'modified_at',
  'display_number',
  'channel',
  'stations',
  'applied_event_ids',
  'snapshot_version',
] as const;

/** How many orders the writing connection keeps parsed: a kitchen's open orders, and then some. */
const RECENT_ORDERS = 4_000;

/** An order as the speed-of-service figures see it. */
export interface TicketFacts {
  orderId: string;
  placedAt: string;
  dueAt: string | null;
  displayNumber: string;
  channel: string | null;
  stations: string[];
}

/** The orders as applied so far, one row each. */
export class OrderRepository implements DeferredWrites {
  private readonly statements;
  /**
   * Orders as this connection last read or wrote them, parsed (the writing connection only: a
   * read-only one must see another process's writes). A catch-up reads each order's row and
   * parses its snapshot for every one of its events: that was a sixth of the drain.
   */
  private readonly recent: Map<string, OrderRecord> | undefined;
  /** Orders saved in this transaction but not yet written: a chunk writes each order once (see `deferWrites`). */
  private readonly pending = new Map<string, OrderRecord>();
  private deferring = false;

  constructor(db: Db, options: { cached: boolean } = { cached: false }) {
    this.recent = options.cached ? new Map() : undefined;
    this.statements = {
      get: db.prepare('SELECT * FROM orders WHERE order_id = ?'),
      all: db.prepare('SELECT * FROM orders ORDER BY placed_at, order_id'),
      allIds: db.prepare('SELECT order_id FROM orders').pluck(),
      // Positional parameters: binding 20 named ones from an object cost more than the insert (profile).
      upsert: db.prepare(`INSERT INTO orders (${ORDER_COLUMNS.join(', ')}) VALUES (${ORDER_COLUMNS.map(() => '?').join(', ')})
        ON CONFLICT (order_id) DO UPDATE SET ${ORDER_COLUMNS.slice(1)
          .map((column) => `${column} = excluded.${column}`)
          .join(', ')}`),
      onScreen: db
        .prepare(
          `SELECT order_id FROM orders WHERE status = 'OPEN'
           UNION ALL SELECT order_id FROM orders WHERE status = 'CANCELLED' AND closed_at >= ?`,
        )
        .pluck(),
      closedBefore: db.prepare("SELECT order_id FROM orders WHERE status IN ('COMPLETED', 'CANCELLED') AND closed_at < ? LIMIT ?").pluck(),
      forget: db.prepare('DELETE FROM orders WHERE order_id = ?'),
      ticketFacts: db.prepare(
        // Only what ticket times need, no snapshot: parsing snapshots was most of a report's time.
        `SELECT order_id, placed_at, updated_at, due_at, display_number, channel, stations
         FROM orders WHERE order_id IN (SELECT value FROM json_each(?)) AND stations IS NOT NULL`,
      ),
      forgetSnapshots: db.prepare('DELETE FROM order_snapshots WHERE order_id = ?'),
      bury: db.prepare(
        `INSERT OR REPLACE INTO order_tombstones (order_id, applied_version, forgotten_at)
         SELECT order_id, applied_version, ? FROM orders WHERE order_id = ?`,
      ),
      tombstone: db.prepare('SELECT applied_version FROM order_tombstones WHERE order_id = ?').pluck(),
      pruneTombstones: db.prepare('DELETE FROM order_tombstones WHERE forgotten_at < ?'),
      scheduledDueBy: db.prepare("SELECT order_id FROM orders WHERE due_at IS NOT NULL AND status = 'OPEN' AND due_at <= ?").pluck(),
      setAlert: db.prepare('UPDATE orders SET alert = ? WHERE order_id = ?'),
      saveSnapshotAt: db.prepare('INSERT OR REPLACE INTO order_snapshots (order_id, version, snapshot) VALUES (?, ?, ?)'),
      snapshotAt: db
        .prepare('SELECT snapshot FROM order_snapshots WHERE order_id = ? AND version <= ? ORDER BY version DESC LIMIT 1')
        .pluck(),
    };
  }

  /** The order as stored (or saved earlier in this transaction). Callers never change the record they get. */
  get(orderId: string): OrderRecord | undefined {
    const known = this.pending.get(orderId) ?? this.recent?.get(orderId);
    if (known) return known;
    const row = this.statements.get.get(orderId) as OrderRow | undefined;
    if (!row) return undefined;
    const order = toRecord(row);
    this.remember(order);
    return order;
  }

  /**
   * From now until `writeDeferred`, a saved order is written once, at the end, however many of its
   * events the transaction applies (a chunk of a catch-up holds several events of most orders).
   * Every other statement of this repository writes what is pending first.
   */
  deferWrites(): void {
    this.deferring = true;
  }

  /** Writes the orders saved since `deferWrites`, and saves at once again. */
  writeDeferred(): void {
    this.deferring = false;
    this.writePending();
  }

  /** The transaction rolled back: nothing saved in it is stored, and parsed orders may be newer than their rows. */
  forgetCached(): void {
    this.deferring = false;
    this.pending.clear();
    this.recent?.clear();
  }

  private writePending(): void {
    if (this.pending.size === 0) return;
    for (const order of this.pending.values()) this.upsert(order);
    this.pending.clear();
  }

  private remember(order: OrderRecord): void {
    if (!this.recent) return;
    // Map order is insertion order: re-inserting keeps the busiest orders, the oldest goes first.
    this.recent.delete(order.orderId);
    this.recent.set(order.orderId, order);
    if (this.recent.size > RECENT_ORDERS) this.recent.delete(this.recent.keys().next().value as string);
  }

  all(): OrderRecord[] {
    this.writePending();
    return (this.statements.all.all() as OrderRow[]).map(toRecord);
  }

  allIds(): string[] {
    this.writePending();
    return this.statements.allIds.all() as string[];
  }

  /** Orders that can be on a screen: open ones, and voids closed since `closedSince` (ISO). Indexed. */
  onScreenIds(closedSince: string): string[] {
    this.writePending();
    return this.statements.onScreen.all(closedSince) as string[];
  }

  /** Orders completed or cancelled before `cutoff` (ISO), at most `limit`. Indexed. */
  closedBefore(cutoff: string, limit: number): string[] {
    this.writePending();
    return this.statements.closedBefore.all(cutoff, limit) as string[];
  }

  /**
   * Removes an order and its snapshot history, leaving a tombstone with its applied version: its
   * events read again later (a topic re-read from the start) are then duplicates, not a new order.
   */
  forget(orderId: string, now: number): void {
    this.writePending();
    this.recent?.delete(orderId);
    this.statements.bury.run(now, orderId);
    this.statements.forget.run(orderId);
    this.statements.forgetSnapshots.run(orderId);
  }

  /** The version an order had applied when retention removed it, or undefined if it never was. */
  forgottenVersion(orderId: string): number | undefined {
    return this.statements.tombstone.get(orderId) as number | undefined;
  }

  /** Tombstones of orders forgotten before `cutoff` (ms): Kafka no longer holds their records. */
  pruneTombstonesBefore(cutoff: number): number {
    return this.statements.pruneTombstones.run(cutoff).changes;
  }

  /** Open scheduled orders due by `until` (ISO): the fire-time sweep's only work. Indexed. */
  scheduledDueBy(until: string): string[] {
    this.writePending();
    return this.statements.scheduledDueBy.all(until) as string[];
  }

  save(order: OrderRecord): void {
    this.remember(order);
    if (this.deferring) this.pending.set(order.orderId, order);
    else this.upsert(order);
  }

  private upsert(order: OrderRecord): void {
    // In ORDER_COLUMNS' order.
    this.statements.upsert.run(
      order.orderId,
      order.merchantId,
      order.appliedVersion,
      order.status,
      serialiseSnapshot(order.snapshot),
      serialiseSnapshot(order.previousSnapshot),
      order.paid ? 1 : 0,
      order.cancelReason,
      order.possiblyIncomplete ? 1 : 0,
      order.alert,
      order.eventsApplied,
      order.placedAt,
      order.updatedAt,
      order.lastEventType,
      utc(order.snapshot?.dueAt),
      order.status === 'OPEN' ? null : (order.closedAt ?? order.updatedAt),
      order.modifiedAt ?? null,
      order.snapshot?.displayNumber ?? null,
      order.snapshot?.channel ?? null,
      stationsJson(order.snapshot),
      order.appliedEventIds ?? null,
      order.snapshotVersion ?? null,
    );
  }

  /** What the speed-of-service figures need of many orders, in one query. */
  ticketFacts(orderIds: readonly string[]): TicketFacts[] {
    type Row = {
      order_id: string;
      placed_at: string | null;
      updated_at: string;
      due_at: string | null;
      display_number: string | null;
      channel: string | null;
      stations: string;
    };
    return (this.statements.ticketFacts.all(JSON.stringify(orderIds)) as Row[]).map((row) => ({
      orderId: row.order_id,
      placedAt: row.placed_at ?? row.updated_at,
      dueAt: row.due_at,
      displayNumber: row.display_number ?? row.order_id,
      channel: row.channel,
      stations: JSON.parse(row.stations) as string[],
    }));
  }

  /**
   * `next` holds a new snapshot from `version` on: the snapshot it replaces goes to order_snapshots at
   * the version it held from, and the new one stays in the order's row only (written with it).
   */
  snapshotReplaced(current: OrderRecord | undefined, next: OrderRecord, version: number): OrderRecord {
    if (current?.snapshot && current.snapshotVersion !== null && current.snapshotVersion !== undefined)
      this.statements.saveSnapshotAt.run(current.orderId, current.snapshotVersion, serialiseSnapshot(current.snapshot));
    return { ...next, snapshotVersion: version };
  }

  /** The order's snapshot as it was at `version` (null when none is known that early). */
  snapshotAt(orderId: string, version: number): OrderSnapshot | null {
    const order = this.get(orderId);
    const from = order?.snapshotVersion;
    if (order?.snapshot && from !== null && from !== undefined && from <= version) return order.snapshot;
    return parseSnapshot((this.statements.snapshotAt.get(orderId, version) as string | undefined) ?? null);
  }

  /** True when the order exists (and now carries the alert). */
  setAlert(orderId: string, alert: string): boolean {
    this.writePending();
    this.recent?.delete(orderId);
    return this.statements.setAlert.run(alert, orderId).changes > 0;
  }
}
