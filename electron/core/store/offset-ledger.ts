import type { Db } from './open-database';

export interface StoredOffset {
  partition: number;
  nextOffset: string;
}

/**
 * The next offset to read per topic partition, written in the same transaction as the state
 * it produced (DESIGN.md §4): the consumer's source of truth, Kafka's commits only trail it.
 */
export class OffsetLedger {
  private readonly statements;

  constructor(db: Db) {
    this.statements = {
      get: db.prepare('SELECT next_offset FROM consumer_offsets WHERE topic = ? AND partition = ?').pluck(),
      all: db.prepare('SELECT partition, next_offset AS nextOffset FROM consumer_offsets WHERE topic = ?'),
      set: db.prepare(`INSERT INTO consumer_offsets (topic, partition, next_offset, updated_at) VALUES (?, ?, ?, ?)
        ON CONFLICT (topic, partition) DO UPDATE SET next_offset = excluded.next_offset, updated_at = excluded.updated_at`),
    };
  }

  next(topic: string, partition: number): string | undefined {
    return this.statements.get.get(topic, partition) as string | undefined;
  }

  all(topic: string): StoredOffset[] {
    return this.statements.all.all(topic) as StoredOffset[];
  }

  set(topic: string, partition: number, nextOffset: string, now: number): void {
    this.statements.set.run(topic, partition, nextOffset, now);
  }

  /** Moves the partition's next offset forward only, never back. */
  advance(topic: string, partition: number, nextOffset: string, now: number): void {
    const stored = this.next(topic, partition);
    if (stored === undefined || BigInt(nextOffset) > BigInt(stored)) this.set(topic, partition, nextOffset, now);
  }
}
