import type { Db } from '../store/open-database';
import type { KitchenState } from './project-ticket';

interface TicketStateRow {
  started_at: string | null;
  bumped_at: string | null;
  void_acknowledged: number;
}

/** Cooks' local actions on tickets and lines (DESIGN.md §4: written locally first). */
export class KitchenStore {
  private readonly statements;

  constructor(readonly db: Db) {
    this.statements = {
      ticket: db.prepare('SELECT started_at, bumped_at, void_acknowledged FROM ticket_state WHERE order_id = ?'),
      doneLines: db.prepare('SELECT line_id FROM item_state WHERE order_id = ?').pluck(),
      upsert:
        db.prepare(`INSERT INTO ticket_state (order_id, started_at, bumped_at, void_acknowledged, updated_at) VALUES (@orderId, @startedAt, @bumpedAt, @voidAcknowledged, @now)
        ON CONFLICT (order_id) DO UPDATE SET started_at = excluded.started_at, bumped_at = excluded.bumped_at, void_acknowledged = excluded.void_acknowledged, updated_at = excluded.updated_at`),
      lastBumped: db.prepare('SELECT order_id FROM ticket_state WHERE bumped_at IS NOT NULL ORDER BY bumped_at DESC LIMIT 1').pluck(),
      itemDone: db.prepare('INSERT OR IGNORE INTO item_state (order_id, line_id, done_at) VALUES (?, ?, ?)'),
      itemUndone: db.prepare('DELETE FROM item_state WHERE order_id = ? AND line_id = ?'),
    };
  }

  state(orderId: string): KitchenState {
    const row = this.statements.ticket.get(orderId) as TicketStateRow | undefined;
    return {
      startedAt: row?.started_at ?? null,
      bumpedAt: row?.bumped_at ?? null,
      voidAcknowledged: row?.void_acknowledged === 1,
      doneLines: new Set(this.statements.doneLines.all(orderId) as string[]),
    };
  }

  save(orderId: string, state: Omit<KitchenState, 'doneLines'>, now: string): void {
    this.statements.upsert.run({
      orderId,
      startedAt: state.startedAt,
      bumpedAt: state.bumpedAt,
      voidAcknowledged: state.voidAcknowledged ? 1 : 0,
      now,
    });
  }

  lastBumped(): string | undefined {
    return this.statements.lastBumped.get() as string | undefined;
  }

  setItemDone(orderId: string, lineId: string, done: boolean, now: string): void {
    if (done) this.statements.itemDone.run(orderId, lineId, now);
    else this.statements.itemUndone.run(orderId, lineId);
  }
}
