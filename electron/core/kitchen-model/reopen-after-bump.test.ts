import { describe, expect, it, vi } from 'vitest';
import type { OrderSnapshot } from '../../../shared/order-events';
import { orderLine } from '../../../test/support/fixtures';
import { NO_PROGRESS, WHOLE_TICKET, type KitchenOrder, type KitchenState, type ScopeProgress } from './kitchen-state';
import { scopeAfterBump } from './reopen-after-bump';

const burger = orderLine('l1', 'Cheeseburger', 'grill');
const fries = orderLine('l2', 'Fries', 'fry');
const atV2: OrderSnapshot = { displayNumber: 'A1', channel: 'DINE_IN', priority: 'NORMAL', items: [burger, fries] };
const order = (version: number, status: KitchenOrder['status'], snapshot: OrderSnapshot | null = atV2): KitchenOrder => ({
  orderId: 'o1',
  appliedVersion: version,
  status,
  snapshot,
  previousSnapshot: null,
  placedAt: '2026-11-22T12:00:00.000Z',
  updatedAt: '2026-11-22T12:00:00.000Z',
});
const bumpedAt = (version: number | null, scope = 'grill'): KitchenState => ({
  scopes: new Map<string, ScopeProgress>([[scope, { ...NO_PROGRESS, bumped: true, bumpStamp: 'T|k', bumpedVersion: version }]]),
  doneLines: new Set(),
});
const history = (snapshot: OrderSnapshot | null) => vi.fn(() => snapshot);

describe('reopen after bump (pure)', () => {
  it('a scope not bumped is open; one bumped with the order unchanged since is closed, without reading history', () => {
    const read = history(atV2);
    expect(scopeAfterBump(order(2, 'OPEN'), { scopes: new Map(), doneLines: new Set() }, 'grill', read)).toMatchObject({
      open: true,
      reopened: null,
    });
    expect(scopeAfterBump(order(2, 'OPEN'), bumpedAt(2), 'grill', read)).toMatchObject({ open: false, reopened: null, atBump: null });
    expect(scopeAfterBump(order(3, 'OPEN'), bumpedAt(null), 'grill', read).open).toBe(false);
    expect(read).not.toHaveBeenCalled();
  });

  it('a change of the lines in scope reopens it MODIFIED, against the order at the bump', () => {
    const changed = { ...atV2, items: [{ ...burger, quantity: 3 }, fries] };
    const read = history(atV2);
    expect(scopeAfterBump(order(3, 'OPEN', changed), bumpedAt(2), 'grill', read)).toMatchObject({
      open: true,
      reopened: 'MODIFIED',
      atBump: atV2,
    });
    expect(read).toHaveBeenCalledWith(2);
    // Fries changed, not the grill's lines: the grill's bump still covers it; the whole ticket's does not.
    const friesChanged = { ...atV2, items: [burger, { ...fries, notes: 'well done' }] };
    expect(scopeAfterBump(order(3, 'OPEN', friesChanged), bumpedAt(2), 'grill', read).open).toBe(false);
    expect(scopeAfterBump(order(3, 'OPEN', friesChanged), bumpedAt(2, WHOLE_TICKET), WHOLE_TICKET, read).reopened).toBe('MODIFIED');
  });

  it('a cancel reopens it VOID; payment or completion do not', () => {
    expect(scopeAfterBump(order(3, 'CANCELLED'), bumpedAt(2), 'grill', history(atV2))).toMatchObject({ open: true, reopened: 'VOID' });
    expect(scopeAfterBump(order(3, 'OPEN'), bumpedAt(2), 'grill', history(atV2)).open).toBe(false);
    const completed = history(atV2);
    expect(scopeAfterBump(order(3, 'COMPLETED'), bumpedAt(2), 'grill', completed).open).toBe(false);
    expect(completed).not.toHaveBeenCalled();
  });

  it("expo's bump of the whole ticket covers a station, and a change of that station's lines reopens it there", () => {
    const changed = { ...atV2, items: [{ ...burger, quantity: 3 }, fries] };
    const kitchen = bumpedAt(2, WHOLE_TICKET);
    expect(scopeAfterBump(order(2, 'OPEN'), kitchen, 'grill', history(atV2)).open).toBe(false);
    expect(scopeAfterBump(order(3, 'OPEN', changed), kitchen, 'grill', history(atV2)).reopened).toBe('MODIFIED');
    expect(scopeAfterBump(order(3, 'OPEN', changed), kitchen, 'fry', history(atV2)).open).toBe(false);
  });
});
