import { describe, expect, it } from 'vitest';
import { kitchenEvent, orderEvent, placedOrder } from '../../../test/support/events';
import { tempStorage } from '../../../test/support/temp-storage';
import { applyEvent } from '../ingest/apply-event';
import { pruneHistory } from './history-retention';

const day = 24 * 3600_000;
const now = Date.parse('2026-11-30T12:00:00.000Z');

describe('history retention (real SQLite file)', () => {
  it('orders closed longer ago than the window leave with their kitchen state; recent, open ones and the window stay', () => {
    const storage = tempStorage();
    const closedAt = (id: string, daysAgo: number) => {
      const placed = applyEvent(undefined, placedOrder(id), { receivedAt: now - daysAgo * day });
      const at = new Date(now - daysAgo * day).toISOString();
      return applyEvent(placed, orderEvent(id, 2, 'ORDER_COMPLETED', { occurredAt: at }), { receivedAt: now - daysAgo * day });
    };
    storage.transact((tx) => {
      // Its snapshot replaced once: the first is kept in the snapshot history, which leaves with the order.
      const placedSnapshot = tx.orders.snapshotReplaced(undefined, closedAt('old', 8), 1);
      const updated = { ...placedSnapshot, snapshot: placedOrder('old').order ?? orderEventMissing() };
      tx.orders.save(tx.orders.snapshotReplaced(placedSnapshot, updated, 2));
      tx.kitchen.apply(kitchenEvent('TICKET_BUMPED', { orderId: 'old' }));
      tx.orders.save(closedAt('recent', 6));
      tx.kitchen.apply(kitchenEvent('TICKET_BUMPED', { orderId: 'recent' }));
      tx.orders.save(applyEvent(undefined, placedOrder('open'), { receivedAt: now - 30 * day }));
      tx.deadLetters.add({ reason: 'SCHEMA', detail: 'old' }, now - 31 * day);
      tx.deadLetters.add({ reason: 'SCHEMA', detail: 'new' }, now - day);
    });
    expect(storage.orders.snapshotAt('old', 1)).not.toBeNull();
    const pruned = storage.transact((tx) => pruneHistory(tx, { closedOrderDays: 7, deadLetterDays: 30 }, now));
    expect(pruned).toEqual({ orders: 1, deadLetters: 1 });
    expect(storage.orders.get('old')).toBeUndefined();
    expect(storage.orders.snapshotAt('old', 1)).toBeNull();
    expect(storage.kitchen.state('old').scopes.size).toBe(0);
    expect(storage.orders.get('recent')).toBeDefined();
    expect(storage.kitchen.state('recent').scopes.size).toBe(1);
    expect(storage.orders.get('open')).toBeDefined();
    expect(storage.deadLetters.recent(10).map((l) => l.detail)).toEqual(['new']);
  });
});

function orderEventMissing(): never {
  throw new Error('fixture has no order');
}
