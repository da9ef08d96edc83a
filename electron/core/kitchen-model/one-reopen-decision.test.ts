import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { KitchenEvent } from '../../../shared/kitchen-events';
import type { OrderEvent } from '../../../shared/order-events';
import { orderLine } from '../../../test/support/fixtures';
import { kitchenEvent, orderEvent, orderSnapshot } from '../../../test/support/events';
import { applyEvent } from '../ingest/apply-event';
import { KitchenActions } from '../kitchen/kitchen-actions';
import { Storage } from '../store/storage';
import { projectTicket } from '../tickets/project-ticket';
import * as reopen from './reopen-after-bump';

// Every caller of the decision goes through this module: wrapped, its calls are counted.
vi.mock('./reopen-after-bump', async (importOriginal) => {
  const actual = await importOriginal<typeof reopen>();
  return { ...actual, scopeAfterBump: vi.fn(actual.scopeAfterBump) };
});

const burger = orderLine('l1', 'Cheeseburger', 'grill');
const fries = orderLine('l2', 'Fries', 'fry');
const placed = orderSnapshot({ items: [burger, fries] });
const now = new Date('2026-11-22T12:05:00.000Z');
const bump = (version: number, station?: string) =>
  kitchenEvent('TICKET_BUMPED', { orderVersion: version, occurredAt: '2026-11-22T12:01:00.000Z', ...(station ? { station } : {}) });

/** A terminal's database holding order o1 after `events` (and their snapshots, as ingest keeps them) and `kitchen`. */
function kitchenWith(events: OrderEvent[], kitchen: KitchenEvent[]): Storage {
  const storage = Storage.open(mkdtempSync(join(tmpdir(), 'kds-reopen-')));
  storage.transact((tx) => {
    let order: ReturnType<typeof applyEvent> | undefined;
    for (const event of events) {
      const previous = order;
      order = applyEvent(order, event);
      if (event.order) order = tx.orders.snapshotReplaced(previous, order, event.version);
      tx.orders.save(order);
    }
    for (const event of kitchen) tx.kitchen.apply(event);
  });
  return storage;
}

const v1 = orderEvent('o1', 1, 'ORDER_PLACED', { order: placed });
const grillChanged = orderEvent('o1', 2, 'ORDER_UPDATED', { order: { ...placed, items: [{ ...burger, quantity: 3 }, fries] } });
const friesChanged = orderEvent('o1', 2, 'ORDER_UPDATED', { order: { ...placed, items: [burger, { ...fries, notes: 'crispy' }] } });
const paid = orderEvent('o1', 2, 'ORDER_PAID');
const cancelled = orderEvent('o1', 2, 'ORDER_CANCELLED', { reason: 'walked out' });

const scenarios: { name: string; events: OrderEvent[]; kitchen: KitchenEvent[] }[] = [
  { name: 'not bumped', events: [v1], kitchen: [] },
  { name: 'bumped, nothing since', events: [v1], kitchen: [bump(1, 'grill'), bump(1)] },
  { name: "bumped, the grill's line changed since", events: [v1, grillChanged], kitchen: [bump(1, 'grill'), bump(1)] },
  { name: 'bumped, only the fries changed since', events: [v1, friesChanged], kitchen: [bump(1, 'grill'), bump(1)] },
  { name: 'bumped, then paid', events: [v1, paid], kitchen: [bump(1, 'grill'), bump(1)] },
  { name: 'bumped, then cancelled', events: [v1, cancelled], kitchen: [bump(1, 'grill'), bump(1)] },
  { name: 'expo bumped the whole ticket, nothing since', events: [v1], kitchen: [bump(1)] },
  { name: "expo bumped the whole ticket, the grill's line changed since", events: [v1, grillChanged], kitchen: [bump(1)] },
];

describe('reopen after bump is decided in one place', () => {
  for (const stations of [[], ['grill']]) {
    const screen = stations.length === 0 ? 'expo' : 'grill';
    for (const scenario of scenarios) {
      it(`${screen}, ${scenario.name}: the ticket is on screen exactly when a bump acts on it`, () => {
        const storage = kitchenWith(scenario.events, scenario.kitchen);
        const decisions = vi.mocked(reopen.scopeAfterBump);
        decisions.mockClear();
        const order = storage.orders.get('o1');
        if (!order) throw new Error('no order');
        const ticket = projectTicket(order, storage.kitchen.state('o1'), now, stations, (version) =>
          storage.orders.snapshotAt('o1', version),
        );
        expect(decisions).toHaveBeenCalled();
        decisions.mockClear();
        const actions = new KitchenActions(storage, { merchantId: 'm-1', terminalId: `${screen}-1`, stations }, () => now.getTime());
        const result = actions.execute({ type: 'BUMP', orderId: 'o1' });
        expect(decisions).toHaveBeenCalled();
        expect(result.ok).toBe(true);
        const bumped = result.ok ? result.value.eventIds.length > 0 : false;
        expect(bumped, `shown: ${ticket?.status ?? 'no'}`).toBe(ticket !== null);
      });
    }
  }

  it('no source outside the kitchen model reads the version a bump covered (the store only persists it)', () => {
    const core = join(import.meta.dirname, '..');
    const sources = (readdirSync(core, { recursive: true }) as string[])
      .filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts'))
      .filter((file) => /\.bumpedVersion\b/.test(readFileSync(join(core, file), 'utf8')))
      .map((file) => relative(core, join(core, file)).split('\\').join('/'))
      .filter((file) => !file.startsWith('kitchen-model/'));
    expect(sources.sort()).toEqual(['store/kitchen-progress.ts']);
  });
});
