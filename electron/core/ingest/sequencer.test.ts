import Database from 'better-sqlite3';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { orderEvent, placedOrder } from '../../../test/support/events';
import { tempStorage } from '../../../test/support/temp-storage';
import type { CoreChange } from '../store/change-feed';
import { Storage } from '../store/storage';
import { drainParked, forceApplyParked, sequenceEvent } from './sequencer';

const NOW = Date.parse('2026-11-22T12:00:00.000Z');

function sequence(storage: Storage, event: Parameters<typeof sequenceEvent>[1], canEnrich = false) {
  return storage.transact((tx) => sequenceEvent(tx, event, { canEnrich, now: NOW }));
}

describe('sequencer (real SQLite file)', () => {
  it('applies the next version, drops a repeated eventId and a stale version', () => {
    const storage = tempStorage();
    expect(sequence(storage, placedOrder('o1'))).toBe('applied');
    expect(sequence(storage, placedOrder('o1'))).toBe('duplicate');
    expect(sequence(storage, placedOrder('o1', { eventId: 'another id, same version' }))).toBe('stale');
    expect(sequence(storage, orderEvent('o1', 2, 'ORDER_PAID'))).toBe('applied');
    expect(storage.orders.get('o1')).toMatchObject({ appliedVersion: 2, paid: true, eventsApplied: 2 });
  });

  it('knows a copy by its order’s version, and tells it from another event of an old version by the ids in the order’s row', () => {
    const storage = tempStorage();
    sequence(storage, placedOrder('o1'));
    expect(sequence(storage, orderEvent('o1', 2, 'ORDER_PAID', { eventId: 'paid' }))).toBe('applied');
    expect(sequence(storage, orderEvent('o1', 3, 'ORDER_COMPLETED'))).toBe('applied');
    expect(sequence(storage, placedOrder('o1'))).toBe('duplicate');
    expect(sequence(storage, orderEvent('o1', 2, 'ORDER_PAID', { eventId: 'paid' }))).toBe('duplicate');
    expect(sequence(storage, orderEvent('o1', 2, 'ORDER_PAID', { eventId: 'another producer' }))).toBe('stale');
    expect(storage.orders.get('o1')).toMatchObject({ appliedVersion: 3, eventsApplied: 3 });
  });

  it('an order pruned by retention does not come back when its records are read again; a later version of it still parks', () => {
    const storage = tempStorage();
    sequence(storage, placedOrder('o1'));
    sequence(storage, orderEvent('o1', 2, 'ORDER_COMPLETED'));
    storage.transact((tx) => tx.orders.forget('o1', NOW));
    expect(sequence(storage, placedOrder('o1'))).toBe('duplicate');
    expect(sequence(storage, orderEvent('o1', 2, 'ORDER_COMPLETED'))).toBe('duplicate');
    expect(storage.orders.get('o1')).toBeUndefined();
    expect(sequence(storage, orderEvent('o1', 4, 'ORDER_UPDATED'))).toBe('parked');
  });

  it('keeps an order’s current snapshot in its row only, and a replaced one in the history at the version it held from', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'kds-unit-'));
    const storage = Storage.open(dataDir);
    const placed = placedOrder('o1');
    sequence(storage, placed);
    sequence(storage, orderEvent('o1', 2, 'ORDER_PAID'));
    const history = new Database(join(dataDir, 'kds.db'), { readonly: true });
    const historyRows = () => history.prepare('SELECT version FROM order_snapshots ORDER BY version').pluck().all();
    expect(historyRows()).toEqual([]);
    expect(storage.orders.snapshotAt('o1', 2)).toEqual(placed.order);
    if (!placed.order) throw new Error('a placed order carries its snapshot');
    const changed = { ...placed.order, items: placed.order.items.map((item) => ({ ...item, quantity: 9 })) };
    sequence(storage, orderEvent('o1', 3, 'ORDER_UPDATED', { order: changed }));
    expect(historyRows()).toEqual([1]);
    expect(storage.orders.snapshotAt('o1', 2)).toEqual(placed.order);
    expect(storage.orders.snapshotAt('o1', 3)).toEqual(changed);
    expect(storage.orders.snapshotAt('o1', 0)).toBeNull();
    history.close();
  });

  it('parks a version ahead of a gap durably and drains it, in order, when the gap fills', () => {
    const storage = tempStorage();
    sequence(storage, placedOrder('o1'));
    expect(sequence(storage, orderEvent('o1', 4, 'ORDER_COMPLETED'))).toBe('parked');
    expect(sequence(storage, orderEvent('o1', 3, 'ORDER_PAID'))).toBe('parked');
    expect(storage.parked.count()).toBe(2);
    expect(storage.orders.get('o1')?.appliedVersion).toBe(1);
    expect(sequence(storage, orderEvent('o1', 2, 'ORDER_UPDATED', { order: placedOrder('o1').order }))).toBe('applied');
    expect(storage.orders.get('o1')).toMatchObject({ appliedVersion: 4, status: 'COMPLETED', paid: true, possiblyIncomplete: false });
    expect(storage.parked.count()).toBe(0);
  });

  it('a cancel applies at once across a gap; whatever older was parked can never apply', () => {
    const storage = tempStorage();
    sequence(storage, placedOrder('o1'));
    sequence(storage, orderEvent('o1', 3, 'ORDER_PAID'));
    expect(sequence(storage, orderEvent('o1', 4, 'ORDER_CANCELLED', { reason: 'no show' }))).toBe('applied');
    expect(storage.orders.get('o1')).toMatchObject({
      status: 'CANCELLED',
      appliedVersion: 4,
      cancelReason: 'no show',
      possiblyIncomplete: true,
    });
    expect(storage.parked.count()).toBe(0);
    expect(sequence(storage, orderEvent('o1', 2, 'ORDER_UPDATED'))).toBe('stale');
  });

  it('a thin event is sent for enrichment, and later events of that order queue behind it while other orders flow', () => {
    const storage = tempStorage();
    expect(sequence(storage, orderEvent('o1', 1, 'ORDER_PLACED'), true)).toBe('queued');
    expect(storage.queue.dueHeads(NOW, 10)).toMatchObject([{ orderId: 'o1', kind: 'ENRICH' }]);
    expect(sequence(storage, orderEvent('o1', 2, 'ORDER_PAID'), true)).toBe('queued');
    expect(storage.queue.depth()).toBe(2);
    expect(sequence(storage, placedOrder('o2'), true)).toBe('applied');
    // Without an order-detail API a thin event applies as it is, flagged.
    expect(sequence(storage, orderEvent('o3', 1, 'ORDER_PLACED'), false)).toBe('applied');
    expect(storage.orders.get('o3')?.possiblyIncomplete).toBe(true);
  });

  it('a gap timeout without an API applies what is parked in version order, flagged as possibly incomplete', () => {
    const storage = tempStorage();
    sequence(storage, placedOrder('o1'));
    sequence(storage, orderEvent('o1', 5, 'ORDER_COMPLETED'));
    sequence(storage, orderEvent('o1', 3, 'ORDER_PAID'));
    const applied = storage.transact((tx) => {
      const count = forceApplyParked(tx, 'o1', NOW);
      drainParked(tx, 'o1', { canEnrich: false, now: NOW });
      return count;
    });
    expect(applied).toBe(2);
    expect(storage.orders.get('o1')).toMatchObject({ appliedVersion: 5, status: 'COMPLETED', paid: true, possiblyIncomplete: true });
  });

  it('names the orders it changed, announced only after the commit', () => {
    const storage = tempStorage();
    const seen: CoreChange[] = [];
    storage.feed.subscribe((change) => seen.push(change));
    sequence(storage, placedOrder('o1'));
    sequence(storage, placedOrder('o1'));
    expect(seen.map((change) => change.orders)).toEqual([['o1']]);
    expect(() =>
      storage.transact((tx) => {
        sequenceEvent(tx, placedOrder('o2'), { canEnrich: false, now: NOW });
        throw new Error('disk full');
      }),
    ).toThrow('disk full');
    expect(seen).toHaveLength(1);
    expect(storage.orders.get('o2')).toBeUndefined();
  });
});
