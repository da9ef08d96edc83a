import type { Db } from './open-database';

/** Event ids already applied: the dedupe ledger (kept for a week, then pruned). */
export class AppliedEvents {
  private readonly statements;

  constructor(db: Db) {
    this.statements = {
      has: db.prepare('SELECT 1 FROM applied_events WHERE event_id = ?').pluck(),
      add: db.prepare('INSERT OR IGNORE INTO applied_events (event_id, order_id, applied_at) VALUES (?, ?, ?)'),
      pruneBefore: db.prepare('DELETE FROM applied_events WHERE applied_at < ?'),
    };
  }

  has(eventId: string): boolean {
    return this.statements.has.get(eventId) !== undefined;
  }

  add(eventId: string, orderId: string, now: number): void {
    this.statements.add.run(eventId, orderId, now);
  }

  pruneBefore(cutoff: number): number {
    return this.statements.pruneBefore.run(cutoff).changes;
  }
}
