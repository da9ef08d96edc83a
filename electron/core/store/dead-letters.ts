import type { Db } from './open-database';

export interface DeadLetter {
  /** NO_SCHEMA_REGISTRY: an Avro record reached a terminal configured without a schema registry. */
  reason: 'MALFORMED_JSON' | 'SCHEMA' | 'OVERSIZED' | 'RETRIES_EXHAUSTED' | 'APPLY_FAILED' | 'NO_SCHEMA_REGISTRY';
  detail: string;
  topic?: string;
  partition?: number;
  offset?: string;
  orderId?: string;
  eventId?: string;
  raw?: Buffer;
  rawSize?: number;
}

export interface DeadLetterRow {
  id: number;
  reason: string;
  detail: string;
  topic: string | null;
  partition: number | null;
  offset: string | null;
  order_id: string | null;
  event_id: string | null;
  raw_size: number | null;
  created_at: number;
}

/** How much of a dead record's bytes is kept for diagnosis. */
export const DEAD_LETTER_RAW_CAP = 4096;

/** Records and work that could not be applied, with where they came from and why. */
export class DeadLetters {
  private readonly statements;

  constructor(db: Db) {
    this.statements = {
      add: db.prepare(`INSERT INTO dead_letters (reason, detail, topic, partition, offset, order_id, event_id, raw, raw_size, created_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
      count: db.prepare('SELECT COUNT(*) FROM dead_letters').pluck(),
      recent: db.prepare(
        'SELECT id, reason, detail, topic, partition, offset, order_id, event_id, raw_size, created_at FROM dead_letters ORDER BY id DESC LIMIT ?',
      ),
      pruneBefore: db.prepare('DELETE FROM dead_letters WHERE created_at < ?'),
      largestRaw: db.prepare('SELECT MAX(LENGTH(raw)) FROM dead_letters').pluck(),
    };
  }

  add(letter: DeadLetter, now: number): void {
    const raw = letter.raw ? letter.raw.subarray(0, DEAD_LETTER_RAW_CAP) : null;
    this.statements.add.run(
      letter.reason,
      letter.detail.slice(0, 2000),
      letter.topic ?? null,
      letter.partition ?? null,
      letter.offset ?? null,
      letter.orderId ?? null,
      letter.eventId ?? null,
      raw,
      letter.rawSize ?? letter.raw?.length ?? null,
      now,
    );
  }

  count(): number {
    return this.statements.count.get() as number;
  }

  recent(limit = 50): DeadLetterRow[] {
    return this.statements.recent.all(limit) as DeadLetterRow[];
  }

  pruneBefore(cutoff: number): number {
    return this.statements.pruneBefore.run(cutoff).changes;
  }

  /** The most raw bytes kept for any letter (the cap's proof). */
  largestRaw(): number | null {
    return this.statements.largestRaw.get() as number | null;
  }
}
