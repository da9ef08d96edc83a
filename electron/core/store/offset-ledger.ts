import type { Db } from './open-database';

export interface StoredOffset {
  partition: number;
  nextOffset: string;
  /** "<offset>|<timestamp>|<hash>" of the record just before nextOffset: proves later that it is the same log. */
  lastRecord: string | null;
  /** That record's Kafka timestamp (ms). */
  lastRecordAt: number | null;
}

/**
 * The next offset to read per topic partition, written in the same transaction as the state
 * it produced (docs/DESIGN.md §4): the consumer's source of truth, Kafka's commits only trail it.
 */
export class OffsetLedger {
  private readonly statements;
  /**
   * Next offsets as this connection last read or wrote them. Every record's decode asks (is it
   * below the stored offset?): a query each time is a large share of a busy partition's cost
   * (BENCHMARKS.md, figures behind choices in the code). Only for
   * the connection that writes (a read-only one sees another process's writes); `forgetCached`
   * after a transaction that rolled back.
   */
  private readonly cache: Map<string, Map<number, string | undefined>> | undefined;

  constructor(db: Db, options: { cached: boolean } = { cached: false }) {
    this.cache = options.cached ? new Map() : undefined;
    this.statements = {
      get: db.prepare('SELECT next_offset FROM consumer_offsets WHERE topic = ? AND partition = ?').pluck(),
      all: db.prepare(
        'SELECT partition, next_offset AS nextOffset, last_record AS lastRecord, last_record_at AS lastRecordAt FROM consumer_offsets WHERE topic = ? ORDER BY partition',
      ),
      set: db.prepare(`INSERT INTO consumer_offsets (topic, partition, next_offset, updated_at, last_record, last_record_at)
        VALUES (?, ?, ?, ?, ?, ?)
        ON CONFLICT (topic, partition) DO UPDATE SET next_offset = excluded.next_offset, updated_at = excluded.updated_at,
          last_record = excluded.last_record, last_record_at = excluded.last_record_at`),
      pass: db.prepare('UPDATE consumer_offsets SET next_offset = ?, updated_at = ? WHERE topic = ? AND partition = ?'),
      clear: db.prepare('DELETE FROM consumer_offsets WHERE topic = ?'),
    };
  }

  next(topic: string, partition: number): string | undefined {
    const cached = this.cache?.get(topic);
    if (cached?.has(partition)) return cached.get(partition);
    const next = this.statements.get.get(topic, partition) as string | undefined;
    this.remember(topic, partition, next);
    return next;
  }

  private remember(topic: string, partition: number, next: string | undefined): void {
    if (!this.cache) return;
    let partitions = this.cache.get(topic);
    if (!partitions) {
      partitions = new Map();
      this.cache.set(topic, partitions);
    }
    partitions.set(partition, next);
  }

  /** The transaction that wrote the cached offsets rolled back: read them again. */
  forgetCached(): void {
    this.cache?.clear();
  }

  all(topic: string): StoredOffset[] {
    return this.statements.all.all(topic) as StoredOffset[];
  }

  /** Sets where to read next; without a record (a start position), nothing proves the log yet. */
  set(
    topic: string,
    partition: number,
    nextOffset: string,
    now: number,
    lastRecord: { fingerprint: string; at: number } | null = null,
  ): void {
    this.statements.set.run(topic, partition, nextOffset, now, lastRecord?.fingerprint ?? null, lastRecord?.at ?? null);
    this.remember(topic, partition, nextOffset);
  }

  /** Moves the partition's next offset forward only, never back. */
  advance(topic: string, partition: number, nextOffset: string, now: number, lastRecord: { fingerprint: string; at: number } | null): void {
    const stored = this.next(topic, partition);
    if (stored === undefined || BigInt(nextOffset) > BigInt(stored)) this.set(topic, partition, nextOffset, now, lastRecord);
  }

  /**
   * Moves past offsets that hold no record (a transaction's commit or abort marker) and keeps the
   * fingerprint of the last record read, which still proves the log (offset-health.ts).
   */
  passMarkers(topic: string, partition: number, nextOffset: string, now: number): boolean {
    const stored = this.next(topic, partition);
    if (stored === undefined || BigInt(nextOffset) <= BigInt(stored)) return false;
    this.statements.pass.run(nextOffset, now, topic, partition);
    this.remember(topic, partition, nextOffset);
    return true;
  }

  /** Forgets every offset of a topic: its log is not the one they were read from. */
  clear(topic: string): void {
    this.statements.clear.run(topic);
    this.cache?.clear();
  }
}
