import Database from 'better-sqlite3';
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

describe('better-sqlite3 file database', () => {
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  it('opens a file in WAL mode and keeps committed rows across reopen', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kds-sqlite-'));
    dirs.push(dir);
    const file = join(dir, 'kds.db');
    const db = new Database(file);
    expect(db.pragma('journal_mode = WAL', { simple: true })).toBe('wal');
    db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL)');
    db.transaction(() => {
      db.prepare('INSERT INTO t (v) VALUES (?)').run('a');
      db.prepare('INSERT INTO t (v) VALUES (?)').run('b');
    })();
    expect(existsSync(`${file}-wal`)).toBe(true);
    db.close();

    const reopened = new Database(file, { readonly: true });
    expect(reopened.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(reopened.prepare('SELECT v FROM t ORDER BY id').pluck().all()).toEqual(['a', 'b']);
    reopened.close();
  });
});
