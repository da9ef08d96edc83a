import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { migrate } from './migrate';
import { MIGRATIONS } from './migrations';

export type Db = Database.Database;

/**
 * Opens (creating if needed) the terminal's database in WAL mode with synchronous=FULL: a
 * kitchen terminal can lose power, and an acknowledged order must survive that.
 */
export function openDatabase(dataDir: string, fileName = 'kds.db'): Db {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const db = new Database(join(dataDir, fileName));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  migrate(db, MIGRATIONS);
  return db;
}

/**
 * Opens an existing terminal database for reading only (diagnostics, tools, tests): no
 * migrations, no writes, alongside the running terminal's own connection.
 */
export function openDatabaseReadOnly(dataDir: string, fileName = 'kds.db'): Db {
  const db = new Database(join(dataDir, fileName), { readonly: true, fileMustExist: true });
  db.pragma('busy_timeout = 5000');
  return db;
}
