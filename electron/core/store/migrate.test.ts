import Database from 'better-sqlite3';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate, MigrationError } from './migrate';
import { MIGRATIONS } from './migrations';
import { openDatabase } from './open-database';

const fileDb = () => new Database(join(mkdtempSync(join(tmpdir(), 'kds-migrate-')), 'kds.db'));

describe('migrations', () => {
  it('001-initial creates the ingest tables, once', () => {
    const db = fileDb();
    expect(migrate(db, MIGRATIONS).applied).toEqual([1]);
    expect(migrate(db, MIGRATIONS).applied).toEqual([]);
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all();
    expect(tables).toEqual(
      expect.arrayContaining([
        'orders',
        'applied_events',
        'consumer_offsets',
        'parked_events',
        'retry_queue',
        'dead_letters',
        'counters',
        'schema_migrations',
      ]),
    );
  });

  it('refuses a database written by a newer kds, and an applied migration whose text changed', () => {
    const db = fileDb();
    migrate(db, [...MIGRATIONS, { version: 2, name: '002-future', sql: 'CREATE TABLE future (x INTEGER) STRICT;' }]);
    expect(() => migrate(db, MIGRATIONS)).toThrow(MigrationError);
    expect(() => migrate(db, MIGRATIONS)).toThrow(/written by a newer kds/);
    const other = fileDb();
    migrate(other, MIGRATIONS);
    const [initial] = MIGRATIONS;
    if (!initial) throw new Error('no migrations shipped');
    expect(() => migrate(other, [{ ...initial, sql: `${initial.sql}\n-- edited` }])).toThrow(/differs from the one applied/);
  });

  it('opens in WAL mode with full sync', () => {
    const db = openDatabase(mkdtempSync(join(tmpdir(), 'kds-open-')));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
  });
});
