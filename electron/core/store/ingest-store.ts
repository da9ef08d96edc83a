import type { Db } from './open-database';
import type { OrderEvent, OrderSnapshot } from '../../../shared/order-events';

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
}

export type QueueKind = 'EVENT' | 'ENRICH' | 'RESOLVE_GAP';

export interface QueueEntry {
  id: number;
  orderId: string;
  kind: QueueKind;
  event: OrderEvent | null;
  attempts: number;
  nextAttemptAt: number;
  lastError: string | null;
}

export interface DeadLetter {
  reason: 'MALFORMED_JSON' | 'SCHEMA' | 'OVERSIZED' | 'RETRIES_EXHAUSTED' | 'APPLY_FAILED';
  detail: string;
  topic?: string;
  partition?: number;
  offset?: string;
  orderId?: string;
  eventId?: string;
  raw?: Buffer;
  rawSize?: number;
}

/** How much of a dead record's bytes is kept for diagnosis. */
export const DEAD_LETTER_RAW_CAP = 4096;

/**
 * Snapshots are parsed and serialised on every event of an order; most events (paid,
 * completed) carry the snapshot through unchanged, so each parsed object remembers its JSON.
 */
const snapshotJson = new WeakMap<OrderSnapshot, string>();

function parseSnapshot(json: string | null): OrderSnapshot | null {
  if (json === null) return null;
  const snapshot = JSON.parse(json) as OrderSnapshot;
  snapshotJson.set(snapshot, json);
  return snapshot;
}

function serialiseSnapshot(snapshot: OrderSnapshot | null): string | null {
  if (snapshot === null) return null;
  return snapshotJson.get(snapshot) ?? JSON.stringify(snapshot);
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
  };
}

/**
 * Every SQL statement of the ingest path, prepared once. Callers group calls in transactions;
 * the store itself never opens one, so a batch and its offsets commit together.
 */
export class IngestStore {
  private readonly statements;
  /** Orders touched since the last drain: the ticket stream reads this after each commit. */
  private readonly changed = new Set<string>();

  constructor(readonly db: Db) {
    this.statements = {
      getOrder: db.prepare('SELECT * FROM orders WHERE order_id = ?'),
      allOrders: db.prepare('SELECT * FROM orders ORDER BY placed_at, order_id'),
      upsertOrder: db.prepare(`INSERT INTO orders (order_id, merchant_id, applied_version, status, snapshot, previous_snapshot, paid,
          cancel_reason, possibly_incomplete, alert, events_applied, placed_at, updated_at, last_event_type)
        VALUES (@order_id, @merchant_id, @applied_version, @status, @snapshot, @previous_snapshot, @paid, @cancel_reason,
          @possibly_incomplete, @alert, @events_applied, @placed_at, @updated_at, @last_event_type)
        ON CONFLICT (order_id) DO UPDATE SET merchant_id = excluded.merchant_id, applied_version = excluded.applied_version,
          status = excluded.status, snapshot = excluded.snapshot, previous_snapshot = excluded.previous_snapshot, paid = excluded.paid,
          cancel_reason = excluded.cancel_reason, possibly_incomplete = excluded.possibly_incomplete, alert = excluded.alert,
          events_applied = excluded.events_applied, placed_at = excluded.placed_at, updated_at = excluded.updated_at,
          last_event_type = excluded.last_event_type`),
      setAlert: db.prepare('UPDATE orders SET alert = ? WHERE order_id = ?'),
      isApplied: db.prepare('SELECT 1 FROM applied_events WHERE event_id = ?').pluck(),
      markApplied: db.prepare('INSERT OR IGNORE INTO applied_events (event_id, order_id, applied_at) VALUES (?, ?, ?)'),
      pruneApplied: db.prepare('DELETE FROM applied_events WHERE applied_at < ?'),
      getOffset: db.prepare('SELECT next_offset FROM consumer_offsets WHERE topic = ? AND partition = ?').pluck(),
      allOffsets: db.prepare('SELECT topic, partition, next_offset FROM consumer_offsets WHERE topic = ?'),
      setOffset: db.prepare(`INSERT INTO consumer_offsets (topic, partition, next_offset, updated_at) VALUES (?, ?, ?, ?)
        ON CONFLICT (topic, partition) DO UPDATE SET next_offset = excluded.next_offset, updated_at = excluded.updated_at`),
      park: db.prepare('INSERT OR IGNORE INTO parked_events (order_id, version, event_id, event, parked_at) VALUES (?, ?, ?, ?, ?)'),
      parkedAt: db.prepare('SELECT event FROM parked_events WHERE order_id = ? AND version = ?').pluck(),
      parkedOf: db.prepare('SELECT event FROM parked_events WHERE order_id = ? ORDER BY version').pluck(),
      unpark: db.prepare('DELETE FROM parked_events WHERE order_id = ? AND version = ?'),
      unparkUpTo: db.prepare('DELETE FROM parked_events WHERE order_id = ? AND version <= ?'),
      parkedCount: db.prepare('SELECT COUNT(*) FROM parked_events').pluck(),
      overdueGaps: db
        .prepare(
          `SELECT order_id FROM parked_events p
        WHERE NOT EXISTS (SELECT 1 FROM retry_queue q WHERE q.order_id = p.order_id)
        GROUP BY order_id HAVING MIN(parked_at) <= ? LIMIT ?`,
        )
        .pluck(),
      enqueue: db.prepare(`INSERT INTO retry_queue (order_id, kind, event_id, event, attempts, next_attempt_at, last_error, created_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?)`),
      queued: db.prepare('SELECT 1 FROM retry_queue WHERE order_id = ? LIMIT 1').pluck(),
      dueHeads: db.prepare(`SELECT q.* FROM retry_queue q
        JOIN (SELECT order_id, MIN(id) AS head FROM retry_queue GROUP BY order_id) h ON q.id = h.head
        WHERE q.next_attempt_at <= ? ORDER BY q.next_attempt_at, q.id LIMIT ?`),
      queueEntry: db.prepare('SELECT * FROM retry_queue WHERE id = ?'),
      dequeue: db.prepare('DELETE FROM retry_queue WHERE id = ?'),
      reschedule: db.prepare('UPDATE retry_queue SET attempts = ?, next_attempt_at = ?, last_error = ? WHERE id = ?'),
      rekind: db.prepare('UPDATE retry_queue SET kind = ?, next_attempt_at = ? WHERE id = ?'),
      wakeOrder: db.prepare(`UPDATE retry_queue SET next_attempt_at = ? WHERE id = (SELECT MIN(id) FROM retry_queue WHERE order_id = ?)`),
      queueDepth: db.prepare('SELECT COUNT(*) FROM retry_queue').pluck(),
      deadLetter:
        db.prepare(`INSERT INTO dead_letters (reason, detail, topic, partition, offset, order_id, event_id, raw, raw_size, created_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
      deadLetterCount: db.prepare('SELECT COUNT(*) FROM dead_letters').pluck(),
      recentDeadLetters: db.prepare(
        'SELECT id, reason, detail, topic, partition, offset, order_id, event_id, raw_size, created_at FROM dead_letters ORDER BY id DESC LIMIT ?',
      ),
      bumpCounter: db.prepare(
        'INSERT INTO counters (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = value + excluded.value',
      ),
      counters: db.prepare('SELECT name, value FROM counters'),
    };
  }

  getOrder(orderId: string): OrderRecord | undefined {
    const row = this.statements.getOrder.get(orderId) as OrderRow | undefined;
    return row ? toRecord(row) : undefined;
  }

  allOrders(): OrderRecord[] {
    return (this.statements.allOrders.all() as OrderRow[]).map(toRecord);
  }

  saveOrder(order: OrderRecord): void {
    this.statements.upsertOrder.run({
      order_id: order.orderId,
      merchant_id: order.merchantId,
      applied_version: order.appliedVersion,
      status: order.status,
      snapshot: serialiseSnapshot(order.snapshot),
      previous_snapshot: serialiseSnapshot(order.previousSnapshot),
      paid: order.paid ? 1 : 0,
      cancel_reason: order.cancelReason,
      possibly_incomplete: order.possiblyIncomplete ? 1 : 0,
      alert: order.alert,
      events_applied: order.eventsApplied,
      placed_at: order.placedAt,
      updated_at: order.updatedAt,
      last_event_type: order.lastEventType,
    });
    this.changed.add(order.orderId);
  }

  setAlert(orderId: string, alert: string): void {
    if (this.statements.setAlert.run(alert, orderId).changes > 0) this.changed.add(orderId);
  }

  takeChangedOrders(): string[] {
    const ids = [...this.changed];
    this.changed.clear();
    return ids;
  }

  isApplied(eventId: string): boolean {
    return this.statements.isApplied.get(eventId) !== undefined;
  }

  markApplied(eventId: string, orderId: string, now: number): void {
    this.statements.markApplied.run(eventId, orderId, now);
  }

  pruneAppliedBefore(cutoff: number): number {
    return this.statements.pruneApplied.run(cutoff).changes;
  }

  nextOffset(topic: string, partition: number): string | undefined {
    return this.statements.getOffset.get(topic, partition) as string | undefined;
  }

  offsets(topic: string): { partition: number; nextOffset: string }[] {
    return (this.statements.allOffsets.all(topic) as { partition: number; next_offset: string }[]).map((r) => ({
      partition: r.partition,
      nextOffset: r.next_offset,
    }));
  }

  setNextOffset(topic: string, partition: number, nextOffset: string, now: number): void {
    this.statements.setOffset.run(topic, partition, nextOffset, now);
  }

  park(event: OrderEvent, now: number): void {
    this.statements.park.run(event.orderId, event.version, event.eventId, JSON.stringify(event), now);
  }

  parkedAt(orderId: string, version: number): OrderEvent | undefined {
    const json = this.statements.parkedAt.get(orderId, version) as string | undefined;
    return json === undefined ? undefined : (JSON.parse(json) as OrderEvent);
  }

  parkedOf(orderId: string): OrderEvent[] {
    return (this.statements.parkedOf.all(orderId) as string[]).map((json) => JSON.parse(json) as OrderEvent);
  }

  unpark(orderId: string, version: number): void {
    this.statements.unpark.run(orderId, version);
  }

  unparkUpTo(orderId: string, version: number): void {
    this.statements.unparkUpTo.run(orderId, version);
  }

  parkedCount(): number {
    return this.statements.parkedCount.get() as number;
  }

  /** Orders whose oldest parked event has waited past the gap timeout and that are not already being retried. */
  overdueGaps(parkedBefore: number, limit = 100): string[] {
    return this.statements.overdueGaps.all(parkedBefore, limit) as string[];
  }

  enqueue(orderId: string, kind: QueueKind, event: OrderEvent | null, now: number, attempts = 0, lastError: string | null = null): void {
    this.statements.enqueue.run(orderId, kind, event?.eventId ?? null, event ? JSON.stringify(event) : null, attempts, now, lastError, now);
  }

  hasQueued(orderId: string): boolean {
    return this.statements.queued.get(orderId) !== undefined;
  }

  dueHeads(now: number, limit: number): QueueEntry[] {
    return (this.statements.dueHeads.all(now, limit) as QueueRow[]).map(toQueueEntry);
  }

  queueEntry(id: number): QueueEntry | undefined {
    const row = this.statements.queueEntry.get(id) as QueueRow | undefined;
    return row ? toQueueEntry(row) : undefined;
  }

  dequeue(id: number): void {
    this.statements.dequeue.run(id);
  }

  reschedule(id: number, attempts: number, nextAttemptAt: number, lastError: string): void {
    this.statements.reschedule.run(attempts, nextAttemptAt, lastError, id);
  }

  rekind(id: number, kind: QueueKind, nextAttemptAt: number): void {
    this.statements.rekind.run(kind, nextAttemptAt, id);
  }

  /** Makes an order's new queue head due now, so events behind a finished one do not wait for a timer. */
  wakeOrder(orderId: string, now: number): void {
    this.statements.wakeOrder.run(now, orderId);
  }

  queueDepth(): number {
    return this.statements.queueDepth.get() as number;
  }

  deadLetter(letter: DeadLetter, now: number): void {
    const raw = letter.raw ? letter.raw.subarray(0, DEAD_LETTER_RAW_CAP) : null;
    this.statements.deadLetter.run(
      letter.reason,
      letter.detail.slice(0, 2000),
      letter.topic ?? null,
      letter.partition ?? null,
      letter.offset ?? null,
      letter.orderId ?? null,
      letter.eventId ?? null,
      raw,
      letter.rawSize ?? letter.raw?.length ?? null,
      now,
    );
  }

  deadLetterCount(): number {
    return this.statements.deadLetterCount.get() as number;
  }

  recentDeadLetters(limit = 50): DeadLetterRow[] {
    return this.statements.recentDeadLetters.all(limit) as DeadLetterRow[];
  }

  bumpCounters(counts: Map<string, number>): void {
    for (const [name, value] of counts) if (value !== 0) this.statements.bumpCounter.run(name, value);
  }

  counters(): Record<string, number> {
    return Object.fromEntries((this.statements.counters.all() as { name: string; value: number }[]).map((r) => [r.name, r.value]));
  }
}

export interface DeadLetterRow {
  id: number;
  reason: string;
  detail: string;
  topic: string | null;
  partition: number | null;
  offset: string | null;
  order_id: string | null;
  event_id: string | null;
  raw_size: number | null;
  created_at: number;
}

interface QueueRow {
  id: number;
  order_id: string;
  kind: QueueKind;
  event: string | null;
  attempts: number;
  next_attempt_at: number;
  last_error: string | null;
}

function toQueueEntry(row: QueueRow): QueueEntry {
  return {
    id: row.id,
    orderId: row.order_id,
    kind: row.kind,
    event: row.event === null ? null : (JSON.parse(row.event) as OrderEvent),
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at,
    lastError: row.last_error,
  };
}
