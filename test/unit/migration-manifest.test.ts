import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS, type Migration } from '../../electron/core/store/migrations';

/**
 * A terminal records each migration's checksum when it applies it and refuses to start when the
 * shipped text differs (store/migrate.ts). So a migration that has reached a terminal must never
 * change: the manifest freezes every listed one, and a new one is appended to it.
 */
interface ManifestEntry {
  version: number;
  name: string;
  checksum: string;
}

const MANIFEST = 'electron/core/store/migrations/manifest.json';

/** The checksum migrate.ts records in schema_migrations. */
const checksum = (sql: string): string => createHash('sha256').update(sql).digest('hex').slice(0, 16);

/** What differs between the migrations in the code and the manifest, as sentences. */
function driftFrom(manifest: readonly ManifestEntry[], migrations: readonly Migration[]): string[] {
  const problems: string[] = [];
  manifest.forEach((entry, index) => {
    const migration = migrations[index];
    if (!migration) problems.push(`migration ${entry.version} (${entry.name}) is listed but gone: a shipped migration is never removed`);
    else if (migration.version !== entry.version || migration.name !== entry.name)
      problems.push(`migration ${entry.version} (${entry.name}) is now ${migration.version} (${migration.name}): never renumber or rename`);
    else if (checksum(migration.sql) !== entry.checksum)
      problems.push(
        `migration ${entry.version} (${entry.name}) changed: terminals that applied it refuse to start; add a new migration instead`,
      );
  });
  for (const migration of migrations.slice(manifest.length)) {
    problems.push(`migration ${migration.version} (${migration.name}) is not in ${MANIFEST}: append it once it is final`);
  }
  return problems;
}

describe('shipped migrations', () => {
  const manifest = (JSON.parse(readFileSync(MANIFEST, 'utf8')) as { migrations: ManifestEntry[] }).migrations;

  it('are all in the manifest, unchanged, in order', () => {
    expect(manifest.length).toBeGreaterThanOrEqual(8);
    expect(driftFrom(manifest, MIGRATIONS)).toEqual([]);
  });

  it('are numbered 1, 2, 3, … without a gap', () => {
    expect(manifest.map((entry) => entry.version)).toEqual(manifest.map((_, index) => index + 1));
  });

  it('tell an edit, a removal and an unlisted migration apart', () => {
    const listed = [{ version: 1, name: '001-a', checksum: checksum('CREATE TABLE a (x);') }];
    expect(driftFrom(listed, [{ version: 1, name: '001-a', sql: 'CREATE TABLE a (x);' }])).toEqual([]);
    expect(driftFrom(listed, [{ version: 1, name: '001-a', sql: 'CREATE TABLE a (x, y);' }])).toEqual([expect.stringContaining('changed')]);
    expect(driftFrom(listed, [])).toEqual([expect.stringContaining('gone')]);
    expect(
      driftFrom(listed, [
        { version: 1, name: '001-a', sql: 'CREATE TABLE a (x);' },
        { version: 2, name: '002-b', sql: '' },
      ]),
    ).toEqual([expect.stringContaining('append it')]);
  });
});
