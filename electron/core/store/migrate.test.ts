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
    expect(migrate(db, MIGRATIONS.slice(0, 1)).applied).toEqual([1]);
    expect(migrate(db, MIGRATIONS.slice(0, 1)).applied).toEqual([]);
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
    migrate(db, [...MIGRATIONS, { version: 99, name: '099-future', sql: 'CREATE TABLE future (x INTEGER) STRICT;' }]);
    expect(() => migrate(db, MIGRATIONS)).toThrow(MigrationError);
    expect(() => migrate(db, MIGRATIONS)).toThrow(/written by a newer kds/);
    const other = fileDb();
    migrate(other, MIGRATIONS);
    const [initial] = MIGRATIONS;
    if (!initial) throw new Error('no migrations shipped');
    expect(() => migrate(other, [{ ...initial, sql: `${initial.sql}\n-- edited` }])).toThrow(/differs from the one applied/);
  });

  it('002-kitchen-state adds ticket and item state on top of 001, keeping existing orders', () => {
    const db = fileDb();
    migrate(db, MIGRATIONS.slice(0, 1));
    db.prepare(
      "INSERT INTO orders (order_id, merchant_id, applied_version, status, updated_at, last_event_type) VALUES ('o1', 'm', 1, 'OPEN', 'now', 'ORDER_PLACED')",
    ).run();
    expect(migrate(db, MIGRATIONS.slice(0, 2)).applied).toEqual([2]);
    expect(db.prepare('SELECT COUNT(*) FROM orders').pluck().get()).toBe(1);
    db.prepare("INSERT INTO ticket_state (order_id, started_at, updated_at) VALUES ('o1', 'now', 'now')").run();
    db.prepare("INSERT INTO item_state (order_id, line_id, done_at) VALUES ('o1', 'l1', 'now')").run();
    expect(db.prepare('SELECT COUNT(*) FROM item_state').pluck().get()).toBe(1);
  });

  it('003-kitchen-sync carries local ticket and line state into per-scope progress and adds the outbox', () => {
    const db = fileDb();
    migrate(db, MIGRATIONS.slice(0, 2));
    db.prepare(
      "INSERT INTO ticket_state (order_id, started_at, bumped_at, void_acknowledged, updated_at) VALUES ('o1', 's1', 'b1', 0, 'now'), ('o2', NULL, NULL, 1, 'now')",
    ).run();
    db.prepare("INSERT INTO item_state (order_id, line_id, done_at) VALUES ('o1', 'l1', 'd1')").run();
    expect(migrate(db, MIGRATIONS.slice(0, 3)).applied).toEqual([3]);
    expect(db.prepare('SELECT * FROM ticket_progress ORDER BY order_id').all()).toEqual([
      { order_id: 'o1', scope: '', started_at: 's1', bumped: 1, bump_stamp: 'b1', void_acknowledged: 0 },
      { order_id: 'o2', scope: '', started_at: null, bumped: 0, bump_stamp: '', void_acknowledged: 1 },
    ]);
    expect(db.prepare('SELECT * FROM line_progress').all()).toEqual([{ order_id: 'o1', line_id: 'l1', done: 1, stamp: 'd1' }]);
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all();
    expect(tables).toContain('outbox');
    expect(tables).not.toContain('ticket_state');
  });

  it('004-offset-health adds record fingerprints to stored offsets, topic identities and log notices, keeping offsets', () => {
    const db = fileDb();
    migrate(db, MIGRATIONS.slice(0, 3));
    db.prepare("INSERT INTO consumer_offsets (topic, partition, next_offset, updated_at) VALUES ('dev.orders', 0, '42', 1)").run();
    expect(migrate(db, MIGRATIONS.slice(0, 4)).applied).toEqual([4]);
    expect(db.prepare('SELECT * FROM consumer_offsets').get()).toEqual({
      topic: 'dev.orders',
      partition: 0,
      next_offset: '42',
      updated_at: 1,
      last_record: null,
      last_record_at: null,
    });
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all();
    expect(tables).toEqual(expect.arrayContaining(['topic_logs', 'log_notices']));
  });

  it('005-bumped-version adds the bumped version to ticket progress and snapshot history, keeping progress', () => {
    const db = fileDb();
    migrate(db, MIGRATIONS.slice(0, 4));
    db.prepare("INSERT INTO ticket_progress (order_id, scope, bumped, bump_stamp) VALUES ('o1', 'grill', 1, 's')").run();
    expect(migrate(db, MIGRATIONS.slice(0, 5)).applied).toEqual([5]);
    expect(db.prepare('SELECT bumped, bumped_version FROM ticket_progress').get()).toEqual({ bumped: 1, bumped_version: null });
    db.prepare("INSERT INTO order_snapshots (order_id, version, snapshot) VALUES ('o1', 1, '{}')").run();
  });

  it('006-screen-index fills due and closed times from existing orders and indexes them', () => {
    const db = fileDb();
    migrate(db, MIGRATIONS.slice(0, 5));
    const insert = db.prepare(
      "INSERT INTO orders (order_id, merchant_id, applied_version, status, snapshot, updated_at, last_event_type) VALUES (?, 'm', 1, ?, ?, ?, 'x')",
    );
    insert.run('done', 'COMPLETED', null, '2026-11-22T12:00:00.000Z');
    insert.run('later', 'OPEN', JSON.stringify({ dueAt: '2026-11-22T14:30:00+02:00' }), '2026-11-22T12:00:00.000Z');
    expect(migrate(db, MIGRATIONS.slice(0, 6)).applied).toEqual([6]);
    expect(db.prepare('SELECT order_id, due_at, closed_at FROM orders ORDER BY order_id').all()).toEqual([
      { order_id: 'done', due_at: null, closed_at: '2026-11-22T12:00:00.000Z' },
      { order_id: 'later', due_at: '2026-11-22T12:30:00.000Z', closed_at: null },
    ]);
  });

  it('007-applied-events-clustered keeps every applied event id, its order and age, and its age index', () => {
    const db = fileDb();
    migrate(db, MIGRATIONS.slice(0, 6));
    db.prepare("INSERT INTO applied_events (event_id, order_id, applied_at) VALUES ('e1', 'o1', 5), ('e2', 'o1', 7)").run();
    expect(migrate(db, MIGRATIONS.slice(0, 7)).applied).toEqual([7]);
    expect(db.prepare('SELECT * FROM applied_events ORDER BY event_id').all()).toEqual([
      { event_id: 'e1', order_id: 'o1', applied_at: 5 },
      { event_id: 'e2', order_id: 'o1', applied_at: 7 },
    ]);
    expect(db.prepare("SELECT sql FROM sqlite_schema WHERE name = 'applied_events'").pluck().get()).toMatch(/WITHOUT ROWID/);
    expect(db.prepare("SELECT name FROM sqlite_schema WHERE tbl_name = 'applied_events' AND type = 'index'").pluck().all()).toContain(
      'applied_events_by_age',
    );
  });

  it('012-version-idempotence moves the ledger’s ids into their orders’ rows, tombstones orders pruned before, and drops the ledger', () => {
    const db = fileDb();
    migrate(db, MIGRATIONS.slice(0, 11));
    db.prepare(
      "INSERT INTO orders (order_id, merchant_id, applied_version, status, updated_at, last_event_type) VALUES ('kept', 'm', 2, 'OPEN', 'x', 'x')",
    ).run();
    db.prepare(
      "INSERT INTO applied_events (event_id, order_id, applied_at) VALUES ('e1', 'kept', 5), ('e2', 'kept', 7), ('e3', 'pruned', 9), ('e4', 'pruned', 11)",
    ).run();
    expect(migrate(db, MIGRATIONS.slice(0, 12)).applied).toEqual([12]);
    const ids = db.prepare("SELECT applied_event_ids FROM orders WHERE order_id = 'kept'").pluck().get() as string;
    expect((JSON.parse(ids) as string[]).sort()).toEqual(['e1', 'e2']);
    expect(db.prepare('SELECT * FROM order_tombstones').all()).toEqual([
      { order_id: 'pruned', applied_version: 2147483647, forgotten_at: 11 },
    ]);
    expect(db.prepare("SELECT name FROM sqlite_schema WHERE name = 'applied_events'").get()).toBeUndefined();
  });

  it('opens in WAL mode with full sync', () => {
    const db = openDatabase(mkdtempSync(join(tmpdir(), 'kds-open-')));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
  });
});
