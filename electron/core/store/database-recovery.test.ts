import { existsSync, mkdtempSync, openSync, readdirSync, writeSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { kitchenEvent, placedOrder } from '../../../test/support/events';
import { applyEvent } from '../ingest/apply-event';
import { Storage } from './storage';

const now = Date.parse('2026-11-22T12:00:00.000Z');

/** Overwrites the database file's header, as a failing card or a torn write might. */
function damage(dataDir: string): void {
  const fd = openSync(join(dataDir, 'kds.db'), 'r+');
  writeSync(fd, Buffer.alloc(100, 0x42), 0, 100, 0);
  closeSync(fd);
}

describe('a damaged database at start (real SQLite files)', () => {
  it('is kept aside and restored from the newest backup, and the screen is told', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'kds-recover-'));
    const first = Storage.open(dataDir, undefined, now);
    first.transact((tx) => tx.orders.save(applyEvent(undefined, placedOrder('o1'))));
    first.backup(now);
    first.transact((tx) => tx.orders.save(applyEvent(undefined, placedOrder('o2'))));
    first.close();
    damage(dataDir);

    const again = Storage.open(dataDir, undefined, now + 1_000);
    expect(again.orders.get('o1')).toBeDefined();
    expect(again.orders.get('o2')).toBeUndefined(); // after the backup: read again from the topic
    const [notice] = again.notices.open();
    expect(notice).toMatchObject({ kind: 'DATABASE_RESTORED' });
    expect(readdirSync(dataDir).some((name) => name.startsWith('kds.db.damaged-'))).toBe(true);
    again.close();
  });

  it('with no usable backup a new database starts (it reads the look-back again), and says so', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'kds-recover-'));
    const first = Storage.open(dataDir, undefined, now);
    first.transact((tx) => tx.outbox.add(kitchenEvent('TICKET_BUMPED', { eventId: 'k-waiting' }), now));
    first.close();
    damage(dataDir);
    const again = Storage.open(dataDir, undefined, now + 1_000);
    expect(again.notices.open()).toMatchObject([{ kind: 'DATABASE_REBUILT' }]);
    expect(again.offsets.all('dev.orders')).toEqual([]);
    again.close();
  });

  it('keeps only the newest three backups', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'kds-recover-'));
    const storage = Storage.open(dataDir, undefined, now);
    for (let hour = 0; hour < 5; hour += 1) storage.backup(now + hour * 3600_000);
    expect(readdirSync(join(dataDir, 'backups'))).toHaveLength(3);
    expect(existsSync(join(dataDir, 'backups', 'kds-2026-11-22T16-00-00-000Z.db'))).toBe(true);
    storage.close();
  });
});
