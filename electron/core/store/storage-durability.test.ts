import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Storage } from './storage';

describe('what a commit waits for', () => {
  it('records re-readable from Kafka commit without waiting for the disk; everything else waits (cooks’ actions)', () => {
    const storage = Storage.open(mkdtempSync(join(tmpdir(), 'kds-durability-')));
    expect(storage.synchronous).toBe(2);
    storage.transact((tx) => tx.counters.bump(new Map([['records.applied', 1]])), 'replayable');
    expect(storage.synchronous).toBe(1);
    storage.transact((tx) => tx.counters.bump(new Map([['kitchen.actions', 1]])));
    expect(storage.synchronous).toBe(2);
    storage.close();
  });

  it('offsets read from memory are never ahead of the database: a rolled-back write is forgotten', () => {
    const storage = Storage.open(mkdtempSync(join(tmpdir(), 'kds-offsets-')));
    storage.transact((tx) => tx.offsets.set('dev.orders', 0, '10', 1));
    expect(storage.offsets.next('dev.orders', 0)).toBe('10');
    expect(() =>
      storage.transact((tx) => {
        tx.offsets.set('dev.orders', 0, '20', 2);
        throw new Error('the disk is full');
      }),
    ).toThrow('the disk is full');
    expect(storage.offsets.next('dev.orders', 0)).toBe('10');
    storage.close();
  });
});
