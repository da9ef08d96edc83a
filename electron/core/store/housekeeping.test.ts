import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../test/support/manual-clock';
import { kitchenEvent, placedOrder } from '../../../test/support/events';
import { sequenceEvent } from '../ingest/sequencer';
import { Housekeeping, PEER_LOG_RETENTION_MS } from './housekeeping';
import { Storage } from './storage';

const DAY_MS = 24 * 3600_000;

describe('housekeeping', () => {
  it('forgets a pruned order’s tombstone after eight days and keeps a backup beside the database, on its own loop', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'kds-unit-'));
    const storage = Storage.open(dataDir);
    const start = Date.parse('2026-11-01T03:00:00Z');
    storage.transact((tx) => {
      for (const orderId of ['ord-1', 'ord-2']) sequenceEvent(tx, placedOrder(orderId), { canEnrich: false, now: start });
      tx.orders.forget('ord-1', start);
      tx.orders.forget('ord-2', start + 6 * DAY_MS);
    });
    expect(storage.orders.forgottenVersion('ord-1')).toBe(1);
    const housekeeping = new Housekeeping(storage, { backups: true, clock: new ManualClock(start), onError: () => undefined });
    housekeeping.pass(start + 8 * DAY_MS + 1);
    expect(storage.orders.forgottenVersion('ord-1')).toBeUndefined();
    expect(storage.orders.forgottenVersion('ord-2')).toBe(1);
    const backups = join(dataDir, 'backups');
    expect(existsSync(backups) && readdirSync(backups).length).toBe(1);
    storage.close();
  });

  it('keeps own events for kitchen peers two days: the log does not grow with every action ever taken', () => {
    const storage = Storage.open(mkdtempSync(join(tmpdir(), 'kds-unit-')));
    const start = Date.parse('2026-11-01T03:00:00Z');
    storage.transact((tx) => {
      tx.peers.logOwn(kitchenEvent('TICKET_BUMPED', { eventId: 'old' }), start);
      tx.peers.logOwn(kitchenEvent('TICKET_BUMPED', { eventId: 'recent' }), start + DAY_MS);
    });
    new Housekeeping(storage, { backups: false, clock: new ManualClock(start), onError: () => undefined }).pass(
      start + PEER_LOG_RETENTION_MS + 1,
    );
    expect(storage.peers.ownAfter(0, 10).map((entry) => (JSON.parse(entry.json) as { eventId: string }).eventId)).toEqual(['recent']);
    storage.close();
  });

  it('runs an hour after its last pass by the terminal clock, however long its timers ran (a PC that slept, a clock set forward)', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'kds-unit-'));
    const storage = Storage.open(dataDir);
    // Timers move with the manual clock; the wall clock is that plus a jump the test sets.
    const timers = new ManualClock(Date.parse('2026-11-01T03:00:00Z'));
    let jump = 0;
    const clock = { now: () => timers.now() + jump, setTimer: timers.setTimer.bind(timers), clearTimer: timers.clearTimer.bind(timers) };
    const housekeeping = new Housekeeping(storage, { backups: true, clock, onError: () => undefined });
    const backups = () => readdirSync(join(dataDir, 'backups')).length;
    housekeeping.start();
    await timers.advance(0);
    expect(backups()).toBe(1);
    await timers.advance(30_000);
    expect(backups()).toBe(1);
    // Timers ran another 5 s while the clock moved 8 days (the PC slept): the next look finds the pass due.
    jump = 8 * DAY_MS;
    await timers.advance(5_000);
    expect(backups()).toBe(2);
    await timers.advance(5_000);
    expect(backups()).toBe(2);
    await housekeeping.stop();
    storage.close();
  });
});
