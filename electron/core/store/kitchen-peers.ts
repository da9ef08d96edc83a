import type { KitchenEvent } from '../../../shared/kitchen-events';
import type { Db } from './open-database';

export interface LoggedEvent {
  seq: number;
  json: string;
}

/**
 * This terminal's own events in the order it made them, and how far each kitchen peer confirmed
 * them: each peer is sent the ones after (peers/peer-sync.ts). Writes run inside the caller's
 * transaction.
 */
export class KitchenPeers {
  private readonly statements;

  constructor(db: Db) {
    this.statements = {
      log: db.prepare('INSERT INTO peer_log (event, created_at) VALUES (?, ?)'),
      after: db.prepare('SELECT seq, event AS json FROM peer_log WHERE seq > ? ORDER BY seq LIMIT ?'),
      countAfter: db.prepare('SELECT COUNT(*) FROM peer_log WHERE seq > ?').pluck(),
      lastSeq: db.prepare('SELECT COALESCE(MAX(seq), 0) FROM peer_log').pluck(),
      pruneLog: db.prepare('DELETE FROM peer_log WHERE created_at < ?'),
      cursor: db.prepare('SELECT acked_seq FROM peer_cursors WHERE terminal_id = ?').pluck(),
      acknowledge: db.prepare(`INSERT INTO peer_cursors (terminal_id, acked_seq) VALUES (?, ?)
        ON CONFLICT (terminal_id) DO UPDATE SET acked_seq = MAX(acked_seq, excluded.acked_seq)`),
      forget: db.prepare('DELETE FROM peer_cursors WHERE terminal_id = ?'),
    };
  }

  /** Keeps an event this terminal made for its peers (beside the outbox, which is for Kafka). */
  logOwn(event: KitchenEvent, now: number): void {
    this.statements.log.run(JSON.stringify(event), now);
  }

  ownAfter(seq: number, limit: number): LoggedEvent[] {
    return this.statements.after.all(seq, limit) as LoggedEvent[];
  }

  waitingAfter(seq: number): number {
    return this.statements.countAfter.get(seq) as number;
  }

  /** A newly paired peer starts from here: it is sent what this terminal does from now on. */
  lastSeq(): number {
    return this.statements.lastSeq.get() as number;
  }

  /** How far the peer confirmed; 0 when this database never sent it anything (a database rebuilt empty). */
  cursor(terminalId: string): number {
    return (this.statements.cursor.get(terminalId) as number | undefined) ?? 0;
  }

  acknowledge(terminalId: string, seq: number): void {
    this.statements.acknowledge.run(terminalId, seq);
  }

  forget(terminalId: string): void {
    this.statements.forget.run(terminalId);
  }

  /** Own events older than this went to Kafka long ago; a peer away longer reads them there. */
  pruneLogBefore(time: number): number {
    return this.statements.pruneLog.run(time).changes;
  }
}
