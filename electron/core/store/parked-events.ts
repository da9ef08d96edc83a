import type { OrderEvent } from '../../../shared/order-events';
import { EmptinessMemo } from './emptiness-memo';
import type { Db } from './open-database';

/** Events that arrived ahead of a version gap, kept durably until the gap fills or times out. */
export class ParkedEvents {
  private readonly statements;
  private readonly emptiness: EmptinessMemo;

  constructor(db: Db, options: { cached: boolean } = { cached: false }) {
    this.statements = {
      park: db.prepare('INSERT OR IGNORE INTO parked_events (order_id, version, event_id, event, parked_at) VALUES (?, ?, ?, ?, ?)'),
      at: db.prepare('SELECT event FROM parked_events WHERE order_id = ? AND version = ?').pluck(),
      of: db.prepare('SELECT event FROM parked_events WHERE order_id = ? ORDER BY version').pluck(),
      remove: db.prepare('DELETE FROM parked_events WHERE order_id = ? AND version = ?'),
      removeUpTo: db.prepare('DELETE FROM parked_events WHERE order_id = ? AND version <= ?'),
      count: db.prepare('SELECT COUNT(*) FROM parked_events').pluck(),
      oldestUnqueuedParkedAt: db
        .prepare('SELECT MIN(parked_at) FROM parked_events p WHERE NOT EXISTS (SELECT 1 FROM retry_queue q WHERE q.order_id = p.order_id)')
        .pluck(),
      overdue: db
        .prepare(
          `SELECT order_id FROM parked_events p
        WHERE NOT EXISTS (SELECT 1 FROM retry_queue q WHERE q.order_id = p.order_id)
        GROUP BY order_id HAVING MIN(parked_at) <= ? LIMIT ?`,
        )
        .pluck(),
    };
    this.emptiness = new EmptinessMemo(options.cached, () => this.count());
  }

  /** The transaction rolled back: what this connection remembered of the table may be wrong. */
  forgetCached(): void {
    this.emptiness.forget();
  }

  park(event: OrderEvent, now: number): void {
    this.statements.park.run(event.orderId, event.version, event.eventId, JSON.stringify(event), now);
    this.emptiness.inserted();
  }

  at(orderId: string, version: number): OrderEvent | undefined {
    if (this.emptiness.isEmpty()) return undefined;
    const json = this.statements.at.get(orderId, version) as string | undefined;
    return json === undefined ? undefined : (JSON.parse(json) as OrderEvent);
  }

  of(orderId: string): OrderEvent[] {
    return (this.statements.of.all(orderId) as string[]).map((json) => JSON.parse(json) as OrderEvent);
  }

  remove(orderId: string, version: number): void {
    this.statements.remove.run(orderId, version);
    this.emptiness.forget();
  }

  removeUpTo(orderId: string, version: number): void {
    this.statements.removeUpTo.run(orderId, version);
    this.emptiness.forget();
  }

  count(): number {
    return this.statements.count.get() as number;
  }

  /** Orders whose oldest parked event has waited past the gap timeout and that are not already being retried. */
  /** When the longest-waiting parked event of an order not in the retry queue was parked (its gap timeout runs from there). */
  oldestUnqueuedParkedAt(): number | undefined {
    return (this.statements.oldestUnqueuedParkedAt.get() as number | null) ?? undefined;
  }

  overdue(parkedBefore: number, limit = 100): string[] {
    return this.statements.overdue.all(parkedBefore, limit) as string[];
  }
}
