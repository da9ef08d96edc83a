import type { KitchenEvent } from '../../../shared/kitchen-events';
import type { Db } from './open-database';

export interface OutboxEntry {
  id: number;
  eventId: string;
  orderId: string;
  /** The kitchen event's JSON, published byte for byte as it was saved. */
  json: string;
}

export interface OutboxStatus {
  pending: number;
  oldestAt: string | null;
  lastError: string | null;
}

/**
 * Cook actions waiting for the kitchen-events topic, in the order they were taken. A row
 * leaves when the broker acknowledged it or when this terminal reads it back from the topic
 * (the echo also proves a publish whose acknowledgement was lost to a crash or a cut).
 */
export class Outbox {
  private readonly statements;

  constructor(db: Db) {
    this.statements = {
      add: db.prepare('INSERT INTO outbox (event_id, order_id, event, created_at) VALUES (?, ?, ?, ?)'),
      restore: db.prepare('INSERT OR IGNORE INTO outbox (event_id, order_id, event, created_at) VALUES (?, ?, ?, ?)'),
      head: db.prepare('SELECT id, event_id AS eventId, order_id AS orderId, event AS json FROM outbox ORDER BY id LIMIT ?'),
      remove: db.prepare('DELETE FROM outbox WHERE event_id = ?'),
      removeIds: db.prepare('DELETE FROM outbox WHERE id IN (SELECT value FROM json_each(?))'),
      failed: db.prepare('UPDATE outbox SET attempts = attempts + 1, last_error = ? WHERE id IN (SELECT value FROM json_each(?))'),
      status: db.prepare(
        'SELECT COUNT(*) AS pending, MIN(created_at) AS oldest, (SELECT last_error FROM outbox ORDER BY id LIMIT 1) AS lastError FROM outbox',
      ),
    };
  }

  add(event: KitchenEvent, now: number): void {
    this.statements.add.run(event.eventId, event.orderId, JSON.stringify(event), now);
  }

  /**
   * An event this terminal made, given back by a kitchen peer after this database was rebuilt
   * empty: queued again (unless it is queued) so it still reaches the topic. It may have been
   * published before the loss; readers dedupe kitchen events by id.
   */
  restore(event: KitchenEvent, now: number): boolean {
    return this.statements.restore.run(event.eventId, event.orderId, JSON.stringify(event), now).changes > 0;
  }

  head(limit: number): OutboxEntry[] {
    return this.statements.head.all(limit) as OutboxEntry[];
  }

  /** The broker has these (acknowledged, or read back from the topic). */
  confirm(eventId: string): boolean {
    return this.statements.remove.run(eventId).changes > 0;
  }

  confirmSent(entries: readonly OutboxEntry[]): void {
    this.statements.removeIds.run(JSON.stringify(entries.map((entry) => entry.id)));
  }

  recordFailure(entries: readonly OutboxEntry[], error: string): void {
    this.statements.failed.run(error, JSON.stringify(entries.map((entry) => entry.id)));
  }

  status(): OutboxStatus {
    const row = this.statements.status.get() as { pending: number; oldest: number | null; lastError: string | null };
    return { pending: row.pending, oldestAt: row.oldest === null ? null : new Date(row.oldest).toISOString(), lastError: row.lastError };
  }
}
