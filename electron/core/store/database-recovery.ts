import { copyFileSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openDatabase, type Db } from './open-database';

export interface Recovery {
  kind: 'DATABASE_RESTORED' | 'DATABASE_REBUILT';
  detail: string;
}

const FILE = 'kds.db';
const BACKUPS = 'backups';
/** How many backups are kept (the newest ones). */
const KEEP_BACKUPS = 3;

function isCorruption(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB' || (typeof code === 'string' && code.startsWith('SQLITE_CORRUPT'));
}

function healthy(db: Db): boolean {
  return db.pragma('quick_check', { simple: true }) === 'ok';
}

/** Opens the database if it opens and checks healthy; undefined if it is damaged (other errors are thrown). */
function tryOpen(dataDir: string): Db | undefined {
  let db: Db | undefined;
  try {
    db = openDatabase(dataDir, FILE);
    if (healthy(db)) return db;
  } catch (error) {
    if (!isCorruption(error)) throw error;
  }
  db?.close();
  return undefined;
}

/** Cook actions that had not reached the topic yet, read from the damaged file where it still can be read. */
function readableOutbox(file: string): { event_id: string; order_id: string; event: string; created_at: number }[] {
  try {
    const damaged = new Database(file, { readonly: true, fileMustExist: true });
    try {
      return damaged.prepare('SELECT event_id, order_id, event, created_at FROM outbox ORDER BY id').all() as never[];
    } finally {
      damaged.close();
    }
  } catch {
    return [];
  }
}

/**
 * Opens the terminal's database; if it is damaged (a power cut mid-write, a failing card), the
 * file is kept aside, the newest healthy backup is restored — or, with none, a new database is
 * started, which reads the look-back window again — and the cook actions still readable from the
 * damaged file are carried over. What happened is returned, to be said on screen.
 */
export function openOrRecover(dataDir: string, now: number): { db: Db; recovery?: Recovery } {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const current = tryOpen(dataDir);
  if (current) return { db: current };
  const stamp = new Date(now).toISOString().replace(/[:.]/g, '-');
  const aside = join(dataDir, `${FILE}.damaged-${stamp}`);
  renameSync(join(dataDir, FILE), aside);
  for (const suffix of ['-wal', '-shm'])
    if (existsSync(join(dataDir, FILE + suffix))) renameSync(join(dataDir, FILE + suffix), aside + suffix);
  const outbox = readableOutbox(aside);
  let recovery: Recovery | undefined;
  let db: Db | undefined;
  for (const backup of backupsNewestFirst(dataDir)) {
    copyFileSync(join(dataDir, BACKUPS, backup), join(dataDir, FILE));
    db = tryOpen(dataDir);
    if (db) {
      recovery = { kind: 'DATABASE_RESTORED', detail: `the database was damaged (kept as ${aside}); restored from backup ${backup}` };
      break;
    }
    rmSync(join(dataDir, FILE), { force: true });
  }
  if (!db) {
    db = openDatabase(dataDir, FILE);
    recovery = {
      kind: 'DATABASE_REBUILT',
      detail: `the database was damaged (kept as ${aside}) and no backup was usable; orders are read again from the look-back window`,
    };
  }
  const keep = db.prepare('INSERT OR IGNORE INTO outbox (event_id, order_id, event, created_at) VALUES (?, ?, ?, ?)');
  for (const row of outbox) keep.run(row.event_id, row.order_id, row.event, row.created_at);
  return { db, recovery };
}

function backupsNewestFirst(dataDir: string): string[] {
  const folder = join(dataDir, BACKUPS);
  if (!existsSync(folder)) return [];
  return readdirSync(folder)
    .filter((name) => name.startsWith('kds-') && name.endsWith('.db'))
    .sort()
    .reverse();
}

/** A consistent copy of the database (VACUUM INTO), keeping the newest few. */
export function backupDatabase(db: Db, dataDir: string, now: number): string {
  const folder = join(dataDir, BACKUPS);
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  const name = `kds-${new Date(now).toISOString().replace(/[:.]/g, '-')}.db`;
  db.prepare('VACUUM INTO ?').run(join(folder, name));
  for (const old of backupsNewestFirst(dataDir).slice(KEEP_BACKUPS)) rmSync(join(folder, old), { force: true });
  return name;
}
