import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { KitchenEvent } from '../../../shared/kitchen-events';
import { kitchenEvent as anEvent, placedOrder } from '../../../test/support/events';
import { applyEvent } from '../ingest/apply-event';
import { Storage, type ReadRepositories } from '../store/storage';
import { KitchenActions } from './kitchen-actions';

const freshStorage = () => Storage.open(mkdtempSync(join(tmpdir(), 'kds-kitchen-')));
/** A terminal's kitchen state: written through transactions, as the product writes it. */
const freshKitchen = () => {
  const storage = freshStorage();
  return {
    apply: (event: KitchenEvent) => storage.transact((tx) => tx.kitchen.apply(event)),
    state: (orderId: string) => storage.kitchen.state(orderId),
    states: (orderIds: readonly string[]) => storage.kitchen.states(orderIds),
  };
};

function kitchenEvent(type: KitchenEvent['type'], second: number, extra: Partial<KitchenEvent> = {}): KitchenEvent {
  return anEvent(type, { occurredAt: new Date(Date.UTC(2026, 10, 22, 12, 0, second)).toISOString(), ...extra });
}

function shuffled<T>(items: T[], seed: number): T[] {
  const copy = [...items];
  let state = seed;
  for (let i = copy.length - 1; i > 0; i -= 1) {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    const j = state % (i + 1);
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}

const view = (kitchen: Pick<ReadRepositories['kitchen'], 'state'>) => {
  const state = kitchen.state('o1');
  return { scopes: Object.fromEntries(state.scopes), done: [...state.doneLines].sort() };
};

describe('kitchen state (real SQLite file)', () => {
  const history: KitchenEvent[] = [
    kitchenEvent('TICKET_STARTED', 1, { station: 'grill' }),
    kitchenEvent('ITEM_DONE', 2, { station: 'grill', lineId: 'l1' }),
    kitchenEvent('TICKET_BUMPED', 3, { station: 'grill' }),
    kitchenEvent('ITEM_UNDONE', 4, { station: 'grill', lineId: 'l1', terminalId: 'expo-1' }),
    kitchenEvent('TICKET_RECALLED', 5, { station: 'grill', terminalId: 'grill-2' }),
    kitchenEvent('TICKET_BUMPED', 6, { station: 'grill' }),
    kitchenEvent('TICKET_STARTED', 7, { terminalId: 'expo-1' }),
    kitchenEvent('VOID_ACKNOWLEDGED', 8, { station: 'fry', terminalId: 'fry-1' }),
  ];

  it('screens applying the same events in any order, with duplicates, end in the same state', () => {
    const inOrder = freshKitchen();
    for (const event of history) inOrder.apply(event);
    const expected = view(inOrder);
    expect(expected.scopes.grill).toMatchObject({ bumped: true, startedAt: '2026-11-22T12:00:01.000Z' });
    expect(expected.done).toEqual([]);
    for (let seed = 1; seed <= 5; seed += 1) {
      const other = freshKitchen();
      for (const event of shuffled([...history, ...history.slice(0, 4)], seed)) other.apply(event);
      expect(view(other)).toEqual(expected);
    }
  });

  it('the state of many orders read at once equals each order read alone; an untouched order has none', () => {
    const kitchen = freshKitchen();
    for (const event of history) kitchen.apply(event);
    for (const event of history.slice(0, 3)) kitchen.apply({ ...event, orderId: 'o2', eventId: `${event.eventId}-o2` });
    const states = kitchen.states(['o1', 'o2', 'o3']);
    for (const orderId of ['o1', 'o2']) expect(states.get(orderId)).toEqual(kitchen.state(orderId));
    expect(states.get('o2')?.doneLines).toEqual(new Set(['l1']));
    expect(states.has('o3')).toBe(false);
  });

  it('an echo of an applied event changes nothing', () => {
    const kitchen = freshKitchen();
    for (const event of history) expect(kitchen.apply(event)).toBe(true);
    for (const event of history) expect(kitchen.apply(event)).toBe(false);
  });

  it('an action is stamped after the newest event it has seen, even when this clock runs behind', () => {
    const storage = freshStorage();
    storage.transact((tx) => tx.orders.save(applyEvent(undefined, placedOrder('o1'))));
    const { kitchen, outbox } = storage;
    // Another screen, whose clock is ahead, bumped at 12:10; this one's clock says 12:05.
    storage.transact((tx) => tx.kitchen.apply(kitchenEvent('TICKET_BUMPED', 600, { station: 'grill', terminalId: 'grill-2' })));
    const slowClock = () => Date.parse('2026-11-22T12:05:00.000Z');
    const actions = new KitchenActions(storage, { merchantId: 'm-1', terminalId: 'grill-1', stations: ['grill'] }, slowClock);
    expect(actions.execute({ type: 'RECALL_LAST' }).ok).toBe(true);
    expect(kitchen.state('o1').scopes.get('grill')?.bumped).toBe(false);
    const [recall] = outbox.head(1).map((entry) => JSON.parse(entry.json) as KitchenEvent);
    expect(recall).toMatchObject({ type: 'TICKET_RECALLED', station: 'grill', occurredAt: '2026-11-22T12:10:00.001Z' });
    expect(actions.execute({ type: 'ITEM_DONE', orderId: 'o1', lineId: 'nope' })).toEqual({
      ok: false,
      error: 'order o1 has no line nope',
    });
  });

  it('recall brings back only a ticket whose order is still stored (a late echo of a pruned order is not recalled)', () => {
    const storage = freshStorage();
    storage.transact((tx) => tx.kitchen.apply(kitchenEvent('TICKET_BUMPED', 5, { station: 'grill' })));
    expect(storage.kitchen.lastBumped(['grill'])).toBeUndefined();
    storage.transact((tx) => tx.orders.save(applyEvent(undefined, placedOrder('o1'))));
    expect(storage.kitchen.lastBumped(['grill'])).toEqual({ orderId: 'o1', scopes: ['grill'] });
  });
});
