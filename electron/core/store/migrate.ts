import { createHash } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import type { Migration } from './migrations';
import { systemClock } from '../lib/clock';

export class MigrationError extends Error {
  override name = 'MigrationError';
}

function checksum(sql: string): string {
  return createHash('sha256').update(sql).digest('hex').slice(0, 16);
}

/**
 * Applies pending migrations in order, each in its own transaction, and refuses to start when
 * the database knows migrations this build does not (a newer app wrote it) or when an applied
 * migration's text differs from the one shipped.
 */
export function migrate(db: Database, migrations: readonly Migration[]): { applied: number[] } {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, checksum TEXT NOT NULL, applied_at TEXT NOT NULL
  ) STRICT`);
  const rows = db.prepare('SELECT version, name, checksum FROM schema_migrations ORDER BY version').all() as {
    version: number;
    name: string;
    checksum: string;
  }[];
  const known = new Map(migrations.map((m) => [m.version, m]));
  for (const row of rows) {
    const shipped = known.get(row.version);
    if (!shipped) {
      throw new MigrationError(
        `the database has migration ${row.version} (${row.name}) that this version of kds does not know: it was written by a newer kds. Install that version or restore a backup.`,
      );
    }
    if (checksum(shipped.sql) !== row.checksum) {
      throw new MigrationError(`migration ${row.version} (${row.name}) differs from the one applied to this database; refusing to start.`);
    }
  }
  const done = new Set(rows.map((r) => r.version));
  const applied: number[] = [];
  const record = db.prepare('INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (?, ?, ?, ?)');
  for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
    if (done.has(migration.version)) continue;
    db.transaction(() => {
      db.exec(migration.sql);
      record.run(migration.version, migration.name, checksum(migration.sql), new Date(systemClock.now()).toISOString());
    })();
    applied.push(migration.version);
  }
  return { applied };
}
