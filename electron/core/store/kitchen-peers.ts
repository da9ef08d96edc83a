import type { KitchenEvent } from '../../../shared/kitchen-events';
import type { Db } from './open-database';

/** A paired peer as stored: where it listens, the token to present to it, the digest of the one it presents. */
export interface PeerRow {
  terminalId: string;
  url: string;
  callToken: string;
  acceptDigest: string;
  pairedAt: number;
  ackedSeq: number;
}

export interface LoggedEvent {
  seq: number;
  json: string;
}

/**
 * The kitchen's other terminals on the LAN, and this terminal's own events in the order it made
 * them: each peer is sent the ones after what it confirmed (peer-sync.ts). Runs inside the
 * caller's transaction for writes.
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
      all: db.prepare(
        'SELECT terminal_id AS terminalId, url, call_token AS callToken, accept_digest AS acceptDigest, paired_at AS pairedAt, acked_seq AS ackedSeq FROM kitchen_peers ORDER BY terminal_id',
      ),
      save: db.prepare(`INSERT INTO kitchen_peers (terminal_id, url, call_token, accept_digest, paired_at, acked_seq)
        VALUES (@terminalId, @url, @callToken, @acceptDigest, @pairedAt, @ackedSeq)
        ON CONFLICT (terminal_id) DO UPDATE SET url = excluded.url, call_token = excluded.call_token,
          accept_digest = excluded.accept_digest, paired_at = excluded.paired_at, acked_seq = excluded.acked_seq`),
      acknowledge: db.prepare('UPDATE kitchen_peers SET acked_seq = MAX(acked_seq, ?) WHERE terminal_id = ?'),
      forget: db.prepare('DELETE FROM kitchen_peers WHERE terminal_id = ?'),
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

  list(): PeerRow[] {
    return this.statements.all.all() as PeerRow[];
  }

  save(peer: PeerRow): void {
    this.statements.save.run(peer);
  }

  acknowledge(terminalId: string, seq: number): void {
    this.statements.acknowledge.run(seq, terminalId);
  }

  forget(terminalId: string): boolean {
    return this.statements.forget.run(terminalId).changes > 0;
  }

  /** Own events older than this went to Kafka long ago; a peer away longer reads them there. */
  pruneLogBefore(time: number): number {
    return this.statements.pruneLog.run(time).changes;
  }
}
