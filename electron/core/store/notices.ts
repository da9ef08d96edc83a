import type { Db } from './open-database';

export type NoticeKind = 'NEW_LOG' | 'RETENTION_GAP' | 'DATABASE_RESTORED' | 'DATABASE_REBUILT';

export interface Notice {
  id: number;
  topic: string;
  partition: number | null;
  kind: NoticeKind;
  detail: string;
  lost: number | null;
  at: number;
}

/**
 * What happened to a topic's log that the kitchen must know: it was recreated (read again from
 * the look-back), or records were deleted before this terminal read them. Kept until acknowledged.
 */
export class Notices {
  private readonly statements;

  constructor(db: Db) {
    this.statements = {
      add: db.prepare('INSERT INTO log_notices (topic, partition, kind, detail, lost, at) VALUES (?, ?, ?, ?, ?, ?)'),
      open: db.prepare(
        'SELECT id, topic, partition, kind, detail, lost, at FROM log_notices WHERE acknowledged_at IS NULL ORDER BY id DESC LIMIT 20',
      ),
      acknowledge: db.prepare('UPDATE log_notices SET acknowledged_at = ? WHERE acknowledged_at IS NULL AND id <= ?'),
      clusterOf: db.prepare('SELECT cluster_id FROM topic_logs WHERE topic = ?').pluck(),
      setCluster: db.prepare(`INSERT INTO topic_logs (topic, cluster_id, first_seen_at) VALUES (?, ?, ?)
        ON CONFLICT (topic) DO UPDATE SET cluster_id = excluded.cluster_id, first_seen_at = excluded.first_seen_at`),
    };
  }

  add(notice: Omit<Notice, 'id'>): void {
    const { topic, partition, kind, detail, lost, at } = notice;
    this.statements.add.run(topic, partition, kind, detail.slice(0, 500), lost, at);
  }

  open(): Notice[] {
    return this.statements.open.all() as Notice[];
  }

  /** Acknowledges every open notice up to and including `uptoId`; returns how many. */
  acknowledge(uptoId: number, now: number): number {
    return this.statements.acknowledge.run(now, uptoId).changes;
  }

  /** The cluster a topic's stored offsets were read from. */
  clusterOf(topic: string): string | undefined {
    return this.statements.clusterOf.get(topic) as string | undefined;
  }

  setCluster(topic: string, clusterId: string, now: number): void {
    this.statements.setCluster.run(topic, clusterId, now);
  }
}
