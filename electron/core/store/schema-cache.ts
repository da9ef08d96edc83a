import type { Db } from './open-database';

/** A Kafka record as it waits for its schema: what the ingest path needs to apply it later. */
export interface WaitingRecord {
  topic: string;
  partition: number;
  offset: string;
  value: Buffer | null;
  key?: Buffer | null;
  timestamp?: string;
  headers?: Record<string, Buffer | string | (Buffer | string)[] | undefined>;
}

type StoredHeader = string | string[];
interface StoredRecord {
  value: string | null;
  key: string | null;
  timestamp?: string;
  headers: Record<string, StoredHeader>;
}

const b64 = (value: Buffer | string): string => (typeof value === 'string' ? Buffer.from(value, 'utf8') : value).toString('base64');

function store(record: WaitingRecord): string {
  const headers: Record<string, StoredHeader> = {};
  for (const [name, value] of Object.entries(record.headers ?? {})) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.map(b64) : b64(value);
  }
  const stored: StoredRecord = {
    value: record.value ? record.value.toString('base64') : null,
    key: record.key ? record.key.toString('base64') : null,
    timestamp: record.timestamp,
    headers,
  };
  return JSON.stringify(stored);
}

function restore(row: { topic: string; partition: number; offset: string; record: string }): WaitingRecord {
  const stored = JSON.parse(row.record) as StoredRecord;
  const headers: WaitingRecord['headers'] = {};
  for (const [name, value] of Object.entries(stored.headers)) {
    headers[name] = Array.isArray(value) ? value.map((v) => Buffer.from(v, 'base64')) : Buffer.from(value, 'base64');
  }
  return {
    topic: row.topic,
    partition: row.partition,
    offset: row.offset,
    value: stored.value === null ? null : Buffer.from(stored.value, 'base64'),
    key: stored.key === null ? null : Buffer.from(stored.key, 'base64'),
    timestamp: stored.timestamp,
    headers,
  };
}

/**
 * Avro writer schemas by registry and id (migration 009), and the records waiting for a schema
 * the registry could not give yet. A repository of Storage: its writing side is reached only
 * inside `Storage.transact`.
 */
export class SchemaCache {
  private readonly statements;

  constructor(db: Db) {
    this.statements = {
      get: db.prepare('SELECT schema FROM avro_schemas WHERE registry = ? AND id = ?').pluck(),
      put: db.prepare('INSERT OR REPLACE INTO avro_schemas (registry, id, schema, fetched_at) VALUES (?, ?, ?, ?)'),
      wait: db.prepare(
        'INSERT OR IGNORE INTO avro_waiting (topic, partition, offset, registry, schema_id, record, since) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ),
      waitingIds: db.prepare('SELECT DISTINCT schema_id FROM avro_waiting WHERE registry = ? ORDER BY schema_id').pluck(),
      waitingFor: db.prepare(
        'SELECT topic, partition, offset, record FROM avro_waiting WHERE registry = ? AND schema_id = ? AND topic = ? ORDER BY partition, length(offset), offset LIMIT ?',
      ),
      release: db.prepare('DELETE FROM avro_waiting WHERE topic = ? AND partition = ? AND offset = ?'),
      count: db.prepare('SELECT count(*) FROM avro_waiting').pluck(),
    };
  }

  /** The writer schema (JSON text) of `id` at `registry`, if this terminal has fetched it before. */
  get(registry: string, id: number): string | undefined {
    return this.statements.get.get(registry, id) as string | undefined;
  }

  put(registry: string, id: number, schema: string, now: number): void {
    this.statements.put.run(registry, id, schema, now);
  }

  /** Keeps a record until its schema can be fetched; the same record twice (a re-read) is kept once. */
  wait(record: WaitingRecord, registry: string, schemaId: number, now: number): void {
    this.statements.wait.run(record.topic, record.partition, record.offset, registry, schemaId, store(record), now);
  }

  /** The schema ids records of `registry` wait for. */
  waitingIds(registry: string): number[] {
    return this.statements.waitingIds.all(registry) as number[];
  }

  /** Records of one topic waiting for `schemaId`, in each partition's offset order. */
  waitingFor(registry: string, schemaId: number, topic: string, limit: number): WaitingRecord[] {
    const rows = this.statements.waitingFor.all(registry, schemaId, topic, limit) as {
      topic: string;
      partition: number;
      offset: string;
      record: string;
    }[];
    return rows.map(restore);
  }

  release(record: { topic: string; partition: number; offset: string }): void {
    this.statements.release.run(record.topic, record.partition, record.offset);
  }

  /** How many records wait for a schema (the status says so). */
  waitingCount(): number {
    return this.statements.count.get() as number;
  }
}
