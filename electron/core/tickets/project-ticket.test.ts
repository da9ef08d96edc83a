import { describe, expect, it } from 'vitest';
import { applyEvent } from '../ingest/apply-event';
import type { OrderEvent, OrderSnapshot } from '../../../shared/order-events';
import { cheeseburgerLine } from '../../../test/support/fixtures';
import { NO_KITCHEN_STATE, NO_PROGRESS, type KitchenState, type ScopeProgress } from '../kitchen-model/kitchen-state';
import { projectTicket } from './project-ticket';

const snapshot: OrderSnapshot = {
  displayNumber: 'A17',
  channel: 'DINE_IN',
  table: '12',
  priority: 'RUSH',
  items: [
    cheeseburgerLine(),
    { lineId: 'l2', name: 'Fries', quantity: 1, station: 'fry', course: 1, modifiers: [], notes: '', allergens: [] },
  ],
};
const event = (version: number, type: OrderEvent['type'], extra: Partial<OrderEvent> = {}): OrderEvent => ({
  eventId: `e${version}`,
  type,
  orderId: 'ord-1',
  merchantId: 'm-1',
  version,
  occurredAt: '2026-11-22T12:00:00.000Z',
  ...extra,
});
const now = new Date('2026-11-22T12:05:00.000Z');
const at = now.toISOString();

function kitchen(scopes: Record<string, Partial<ScopeProgress>>, doneLines: string[] = []): KitchenState {
  return {
    scopes: new Map(Object.entries(scopes).map(([scope, progress]) => [scope, { ...NO_PROGRESS, ...progress }])),
    doneLines: new Set(doneLines),
  };
}

describe('ticket projection', () => {
  it('a placed order is a NEW ticket with its items, rush priority and table', () => {
    const ticket = projectTicket(applyEvent(undefined, event(1, 'ORDER_PLACED', { order: snapshot })), NO_KITCHEN_STATE, now);
    expect(ticket).toMatchObject({ displayNumber: 'A17', status: 'NEW', priority: 'RUSH', table: '12', modified: false });
    expect(ticket?.items.map((i) => `${i.quantity}× ${i.name}`)).toEqual(['2× Cheeseburger', '1× Fries']);
  });

  it('an update marks the ticket MODIFIED with what changed, was added and was removed', () => {
    const placed = applyEvent(undefined, event(1, 'ORDER_PLACED', { order: snapshot }));
    const [burger] = snapshot.items;
    if (!burger) throw new Error('fixture');
    const updated = applyEvent(
      placed,
      event(2, 'ORDER_UPDATED', {
        order: {
          ...snapshot,
          items: [
            { ...burger, quantity: 3 },
            { ...burger, lineId: 'l3', name: 'Salad', station: 'cold' },
          ],
        },
      }),
    );
    const ticket = projectTicket(updated, NO_KITCHEN_STATE, now);
    expect(ticket?.modified).toBe(true);
    expect(ticket?.items.map((i) => i.change)).toEqual(['CHANGED', 'NEW']);
    expect(ticket?.removedItems).toEqual(['1× Fries']);
  });

  it('a cancel is VOID until acknowledged; bumped or completed orders leave the screen', () => {
    const cancelled = applyEvent(
      applyEvent(undefined, event(1, 'ORDER_PLACED', { order: snapshot })),
      event(2, 'ORDER_CANCELLED', { reason: 'customer left' }),
    );
    expect(projectTicket(cancelled, NO_KITCHEN_STATE, now)).toMatchObject({ status: 'VOID', cancelReason: 'customer left' });
    expect(projectTicket(cancelled, kitchen({ '': { voidAcknowledged: true } }), now)).toBeNull();
    const placed = applyEvent(undefined, event(1, 'ORDER_PLACED', { order: snapshot }));
    expect(projectTicket(placed, kitchen({ '': { bumped: true } }), now)).toBeNull();
    expect(projectTicket(applyEvent(placed, event(2, 'ORDER_COMPLETED')), NO_KITCHEN_STATE, now)).toBeNull();
  });

  it('a completed order comes back only when a cook recalls it after bumping it (shown DONE), and leaves with the next bump', () => {
    const completed = applyEvent(applyEvent(undefined, event(1, 'ORDER_PLACED', { order: snapshot })), event(2, 'ORDER_COMPLETED'));
    const recalled = kitchen({ '': { bumped: false, bumpStamp: `${at}|k2` } });
    expect(projectTicket(completed, recalled, now)).toMatchObject({ orderId: 'ord-1', status: 'DONE' });
    expect(projectTicket(completed, kitchen({ '': { bumped: true, bumpStamp: `${at}|k3` } }), now)).toBeNull();
    expect(projectTicket(completed, NO_KITCHEN_STATE, now), 'never bumped here: nothing to recall').toBeNull();
    expect(projectTicket(completed, recalled, now, ['fryer']), 'another station: not recalled there').toBeNull();
  });

  it('started is IN_PROGRESS, every line done is READY', () => {
    const placed = applyEvent(undefined, event(1, 'ORDER_PLACED', { order: snapshot }));
    expect(projectTicket(placed, kitchen({ '': { startedAt: at } }), now)?.status).toBe('IN_PROGRESS');
    const ticket = projectTicket(placed, kitchen({}, ['l1', 'l2']), now);
    expect(ticket?.status).toBe('READY');
    expect(ticket?.items.every((i) => i.done)).toBe(true);
  });

  it('a scheduled order stays hidden until its fire time (due time minus prep time)', () => {
    const scheduled = applyEvent(undefined, event(1, 'ORDER_PLACED', { order: { ...snapshot, dueAt: '2026-11-22T13:00:00.000Z' } }));
    expect(projectTicket(scheduled, NO_KITCHEN_STATE, now)).toBeNull();
    expect(projectTicket(scheduled, NO_KITCHEN_STATE, new Date('2026-11-22T12:45:00.000Z'))?.fireAt).toBe('2026-11-22T12:45:00.000Z');
  });

  it('a station terminal sees only its lines and loses the ticket once its part is bumped; other stations keep theirs', () => {
    const placed = applyEvent(undefined, event(1, 'ORDER_PLACED', { order: snapshot }));
    const grill = projectTicket(placed, NO_KITCHEN_STATE, now, ['grill']);
    expect(grill?.items.map((i) => i.name)).toEqual(['Cheeseburger']);
    expect(projectTicket(placed, NO_KITCHEN_STATE, now, ['cold'])).toBeNull();
    const grillBumped = kitchen({ grill: { bumped: true, startedAt: at } });
    expect(projectTicket(placed, grillBumped, now, ['grill'])).toBeNull();
    expect(projectTicket(placed, grillBumped, now, ['fry'])?.status).toBe('NEW');
    expect(projectTicket(placed, grillBumped, now, ['grill', 'fry'])?.items.map((i) => i.name)).toEqual(['Cheeseburger', 'Fries']);
  });

  it('expo sees how far each station is, and READY once every station has bumped; its own bump clears every screen', () => {
    const placed = applyEvent(undefined, event(1, 'ORDER_PLACED', { order: snapshot }));
    const partly = projectTicket(placed, kitchen({ grill: { bumped: true, startedAt: at }, fry: { startedAt: at } }), now);
    expect(partly?.status).toBe('IN_PROGRESS');
    expect(partly?.stations).toEqual([
      { station: 'fry', state: 'IN_PROGRESS' },
      { station: 'grill', state: 'BUMPED' },
    ]);
    expect(projectTicket(placed, kitchen({ grill: { bumped: true }, fry: { bumped: true } }), now)?.status).toBe('READY');
    const served = kitchen({ '': { bumped: true } });
    expect(projectTicket(placed, served, now)).toBeNull();
    expect(projectTicket(placed, served, now, ['fry'])).toBeNull();
  });

  it('a void stays on a station screen until that station acknowledges it', () => {
    const cancelled = applyEvent(
      applyEvent(undefined, event(1, 'ORDER_PLACED', { order: snapshot })),
      event(2, 'ORDER_CANCELLED', { reason: 'walked out' }),
    );
    const grillAcked = kitchen({ grill: { voidAcknowledged: true } });
    expect(projectTicket(cancelled, grillAcked, now, ['grill'])).toBeNull();
    expect(projectTicket(cancelled, grillAcked, now, ['fry'])?.status).toBe('VOID');
    expect(projectTicket(cancelled, grillAcked, now)?.status).toBe('VOID');
  });
});

describe('a bump covers what was bumped', () => {
  const [burger, fries] = snapshot.items;
  if (!burger || !fries) throw new Error('fixture');
  const placed = applyEvent(undefined, event(1, 'ORDER_PLACED', { order: snapshot }));
  const history = (version: number) => (version >= 1 ? snapshot : null);
  const bumpedAt = (scope: string, version: number) =>
    kitchen({ [scope]: { bumped: true, bumpStamp: '2026-11-22T12:01:00.000Z|k', bumpedVersion: version } });

  it('a line added after expo bumped brings the ticket back MODIFIED with only that line', () => {
    const updated = applyEvent(
      placed,
      event(2, 'ORDER_UPDATED', { order: { ...snapshot, items: [burger, fries, { ...fries, lineId: 'l3', name: 'Shake' }] } }),
    );
    expect(projectTicket(placed, bumpedAt('', 1), now, [], history)).toBeNull();
    const ticket = projectTicket(updated, bumpedAt('', 1), now, [], history);
    expect(ticket).toMatchObject({ modified: true, status: 'NEW' });
    expect(ticket?.items.map((i) => [i.name, i.change])).toEqual([['Shake', 'NEW']]);
  });

  it('a removed line shows struck through; payment or completion after the bump bring nothing back', () => {
    const smaller = applyEvent(placed, event(2, 'ORDER_UPDATED', { order: { ...snapshot, items: [burger] } }));
    expect(projectTicket(smaller, bumpedAt('', 1), now, [], history)?.removedItems).toEqual(['1× Fries']);
    const paid = applyEvent(placed, event(2, 'ORDER_PAID'));
    expect(projectTicket(paid, bumpedAt('', 1), now, [], history)).toBeNull();
    expect(projectTicket(applyEvent(placed, event(2, 'ORDER_COMPLETED')), bumpedAt('', 1), now, [], history)).toBeNull();
  });

  it('a cancel after the bump shows VOID to acknowledge, on expo and on the station', () => {
    const cancelled = applyEvent(placed, event(2, 'ORDER_CANCELLED', { reason: 'customer left' }));
    expect(projectTicket(cancelled, bumpedAt('', 1), now, [], history)?.status).toBe('VOID');
    expect(projectTicket(cancelled, bumpedAt('grill', 1), now, ['grill'], history)?.status).toBe('VOID');
  });

  it("a station's ticket comes back only for a change of its own lines; expo's bump covers the stations", () => {
    const friesChanged = applyEvent(
      placed,
      event(2, 'ORDER_UPDATED', { order: { ...snapshot, items: [burger, { ...fries, quantity: 3 }] } }),
    );
    expect(projectTicket(friesChanged, bumpedAt('grill', 1), now, ['grill'], history)).toBeNull();
    expect(projectTicket(friesChanged, bumpedAt('', 1), now, ['fry'], history)?.items.map((i) => [i.name, i.quantity, i.change])).toEqual([
      ['Fries', 3, 'CHANGED'],
    ]);
    expect(projectTicket(friesChanged, bumpedAt('', 1), now, ['grill'], history)).toBeNull();
  });

  it('with timing on, lines carry their start and a station is offered to fire only its own held courses', () => {
    const dessert = { lineId: 'l3', name: 'Churros', quantity: 1, station: 'fry', course: 2, modifiers: [], notes: '', allergens: [] };
    const burger = { ...cheeseburgerLine(), prepSeconds: 420 };
    const fries = {
      lineId: 'l2',
      name: 'Fries',
      quantity: 1,
      station: 'fry',
      course: 1,
      modifiers: [],
      notes: '',
      allergens: [],
      prepSeconds: 180,
    };
    const placed = applyEvent(undefined, event(1, 'ORDER_PLACED', { order: { ...snapshot, items: [burger, fries, dessert] } }));
    const timing = { itemTiming: true, cookTimes: [], coursePacing: 'after-bump' as const, courseMinutes: 10 };
    const fry = projectTicket(placed, NO_KITCHEN_STATE, now, ['fry'], () => null, timing);
    expect(fry?.items.map((i) => [i.name, i.startAt, i.waitsForCourse, i.cookSeconds])).toEqual([
      ['Fries', '2026-11-22T12:04:00.000Z', null, 180],
      ['Churros', null, 1, null],
    ]);
    expect(fry?.laterCourses).toEqual([{ course: 2, firesAt: null }]);
    expect(projectTicket(placed, NO_KITCHEN_STATE, now, ['grill'], () => null, timing)?.laterCourses).toEqual([]);
    // Off (the default): nothing is held.
    expect(projectTicket(placed, NO_KITCHEN_STATE, now, ['fry'])?.items.map((i) => i.startAt)).toEqual([null, null]);
  });
});
