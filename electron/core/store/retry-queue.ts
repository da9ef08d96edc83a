import type { OrderEvent } from '../../../shared/order-events';
import { EmptinessMemo } from './emptiness-memo';
import type { Db } from './open-database';

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

/** The durable per-order FIFO of work that failed or waits for the order-detail API. */
export class RetryQueue {
  private readonly statements;
  private readonly emptiness: EmptinessMemo;

  constructor(db: Db, options: { cached: boolean } = { cached: false }) {
    this.statements = {
      enqueue: db.prepare(`INSERT INTO retry_queue (order_id, kind, event_id, event, attempts, next_attempt_at, last_error, created_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?)`),
      hasOrder: db.prepare('SELECT 1 FROM retry_queue WHERE order_id = ? LIMIT 1').pluck(),
      dueHeads: db.prepare(`SELECT q.* FROM retry_queue q
        JOIN (SELECT order_id, MIN(id) AS head FROM retry_queue GROUP BY order_id) h ON q.id = h.head
        WHERE q.next_attempt_at <= ? ORDER BY q.next_attempt_at, q.id LIMIT ?`),
      entry: db.prepare('SELECT * FROM retry_queue WHERE id = ?'),
      remove: db.prepare('DELETE FROM retry_queue WHERE id = ?'),
      reschedule: db.prepare('UPDATE retry_queue SET attempts = ?, next_attempt_at = ?, last_error = ? WHERE id = ?'),
      rekind: db.prepare('UPDATE retry_queue SET kind = ?, next_attempt_at = ? WHERE id = ?'),
      wakeOrder: db.prepare(`UPDATE retry_queue SET next_attempt_at = ? WHERE id = (SELECT MIN(id) FROM retry_queue WHERE order_id = ?)`),
      depth: db.prepare('SELECT COUNT(*) FROM retry_queue').pluck(),
      nextAttemptAt: db.prepare('SELECT MIN(next_attempt_at) FROM retry_queue').pluck(),
      oldestCreatedAt: db.prepare('SELECT MIN(created_at) FROM retry_queue').pluck(),
    };
    this.emptiness = new EmptinessMemo(options.cached, () => this.depth());
  }

  /** The transaction rolled back: what this connection remembered of the table may be wrong. */
  forgetCached(): void {
    this.emptiness.forget();
  }

  enqueue(orderId: string, kind: QueueKind, event: OrderEvent | null, now: number, attempts = 0, lastError: string | null = null): void {
    this.statements.enqueue.run(orderId, kind, event?.eventId ?? null, event ? JSON.stringify(event) : null, attempts, now, lastError, now);
    this.emptiness.inserted();
  }

  hasOrder(orderId: string): boolean {
    if (this.emptiness.isEmpty()) return false;
    return this.statements.hasOrder.get(orderId) !== undefined;
  }

  /** The earliest time any entry is due (undefined when the queue is empty). */
  nextAttemptAt(): number | undefined {
    return (this.statements.nextAttemptAt.get() as number | null) ?? undefined;
  }

  dueHeads(now: number, limit: number): QueueEntry[] {
    return (this.statements.dueHeads.all(now, limit) as QueueRow[]).map(toQueueEntry);
  }

  entry(id: number): QueueEntry | undefined {
    const row = this.statements.entry.get(id) as QueueRow | undefined;
    return row ? toQueueEntry(row) : undefined;
  }

  remove(id: number): void {
    this.statements.remove.run(id);
    this.emptiness.forget();
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

  depth(): number {
    return this.statements.depth.get() as number;
  }

  /** When the longest-waiting event was received (ms), or null with none waiting: the fleet's "oldest unapplied". */
  oldestCreatedAt(): number | null {
    return (this.statements.oldestCreatedAt.get() as number | null) ?? null;
  }
}
