import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { orderSnapshotSchema } from '../../../shared/order-events';
import { applyEvent } from '../ingest/apply-event';
import type { OrderRecord } from './order-repository';
import { Storage } from './storage';

const placed = (orderId: string, version = 1): OrderRecord =>
  applyEvent(undefined, {
    eventId: `${orderId}-${version}`,
    type: 'ORDER_PLACED',
    orderId,
    merchantId: 'm-1',
    version,
    occurredAt: '2026-11-23T12:00:00.000Z',
    order: orderSnapshotSchema.parse({
      displayNumber: orderId,
      channel: 'POS',
      items: [{ lineId: 'l1', name: 'Burger', quantity: 1, station: 'grill' }],
    }),
  });
const paid = (order: OrderRecord): OrderRecord => ({ ...order, appliedVersion: order.appliedVersion + 1, paid: true });
const open = (dataDir = mkdtempSync(join(tmpdir(), 'kds-order-cache-'))) => Storage.open(dataDir);

describe('orders remembered by the writing connection', () => {
  it('an ingest chunk (optimistic) writes each order once however many of its events it applies, and the row is the last state', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'kds-order-cache-'));
    const storage = open(dataDir);
    const order = placed('o1');
    const before = storage.totalChanges();
    storage.transact(
      (tx) => {
        tx.orders.save(order);
        tx.orders.save(paid(order));
        tx.orders.save(paid(paid(order)));
        // Within the chunk, every read sees the latest state.
        expect(tx.orders.get('o1')?.appliedVersion).toBe(3);
      },
      'replayable',
      'optimistic',
    );
    expect(storage.totalChanges() - before).toBe(1);
    storage.close();
    const reopened = Storage.openReadOnly(dataDir);
    expect(reopened.orders.get('o1')).toMatchObject({ appliedVersion: 3, paid: true });
    reopened.close();
  });

  it('queries of the orders table inside the chunk see orders saved earlier in it', () => {
    const storage = open();
    storage.transact(
      (tx) => {
        tx.orders.save(placed('o2'));
        expect(tx.orders.onScreenIds('2026-11-23T00:00:00.000Z')).toEqual(['o2']);
      },
      'replayable',
      'optimistic',
    );
    storage.close();
  });

  it('a transaction that rolls back leaves no remembered order newer than its row', () => {
    const storage = open();
    storage.transact((tx) => tx.orders.save(placed('o3')));
    for (const savepoints of ['each', 'optimistic'] as const) {
      expect(() =>
        storage.transact(
          (tx) => {
            tx.orders.save(paid(placed('o3')));
            throw new Error('the disk is full');
          },
          'replayable',
          savepoints,
        ),
      ).toThrow('the disk is full');
      expect(storage.orders.get('o3')).toMatchObject({ appliedVersion: 1, paid: false });
    }
    storage.close();
  });

  it('a savepoint that rolls back inside a committed transaction forgets what it saved', () => {
    const storage = open();
    storage.transact((tx) => tx.orders.save(placed('o4')));
    storage.transact((tx) => {
      expect(() =>
        tx.savepoint(() => {
          tx.orders.save(paid(placed('o4')));
          throw new Error('apply failed');
        }),
      ).toThrow('apply failed');
      expect(tx.orders.get('o4')?.paid).toBe(false);
    });
    expect(storage.orders.get('o4')?.paid).toBe(false);
    storage.close();
  });

  it('an order forgotten by retention or given an alert is read again from its row', () => {
    const storage = open();
    storage.transact((tx) => tx.orders.save(placed('o5')));
    storage.transact((tx) => tx.orders.setAlert('o5', 'order data could not be completed'));
    expect(storage.orders.get('o5')?.alert).toBe('order data could not be completed');
    storage.transact((tx) => tx.orders.forget('o5', Date.now()));
    expect(storage.orders.get('o5')).toBeUndefined();
    storage.close();
  });

  it('a snapshot copied and changed is written as changed: the JSON a snapshot remembers does not travel with a spread', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'kds-order-cache-'));
    const storage = open(dataDir);
    const order = placed('o1');
    storage.transact((tx) => tx.orders.save(order));
    const snapshot = order.snapshot;
    if (!snapshot) throw new Error('placed() gives a snapshot');
    const renamed = { ...snapshot, displayNumber: 'A-7', items: snapshot.items.map((item) => ({ ...item, station: 'fry' })) };
    storage.transact((tx) => tx.orders.save({ ...paid(order), snapshot: renamed }));
    storage.close();
    const reopened = Storage.openReadOnly(dataDir);
    expect(reopened.orders.get('o1')?.snapshot).toMatchObject({ displayNumber: 'A-7', items: [{ station: 'fry' }] });
    expect(reopened.orders.ticketFacts(['o1'])).toEqual([expect.objectContaining({ displayNumber: 'A-7', stations: ['fry'] })]);
    reopened.close();
  });
});
