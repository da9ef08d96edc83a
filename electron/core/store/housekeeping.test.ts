import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../test/support/manual-clock';
import { Housekeeping } from './housekeeping';
import { Storage } from './storage';

const DAY_MS = 24 * 3600_000;

describe('housekeeping', () => {
  it('forgets applied event ids after a week and keeps a backup beside the database, on its own loop', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'kds-unit-'));
    const storage = Storage.open(dataDir);
    const start = Date.parse('2026-11-01T03:00:00Z');
    storage.transact((tx) => {
      tx.applied.add('old-event', 'ord-1', start);
      tx.applied.add('recent-event', 'ord-2', start + 6 * DAY_MS);
    });
    const housekeeping = new Housekeeping(storage, { backups: true, clock: new ManualClock(start), onError: () => undefined });
    housekeeping.pass(start + 7 * DAY_MS + 1);
    expect(storage.applied.has('old-event')).toBe(false);
    expect(storage.applied.has('recent-event')).toBe(true);
    const backups = join(dataDir, 'backups');
    expect(existsSync(backups) && readdirSync(backups).length).toBe(1);
    storage.close();
  });
});
