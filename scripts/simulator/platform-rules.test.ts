import { describe, expect, it } from 'vitest';
import { kitchenKey, type KitchenEvent } from '../../shared/kitchen-events';
import type { OrderEvent } from '../../shared/order-events';
import { platformOrder } from './platform-orders';
import { PLATFORM_PROFILES } from './platform-profiles';
import { formatReport, reportHolds } from './platform-report';
import { COURIER_TRAVEL_MINUTES, NOT_ACCEPTED_IN_TIME, PlatformRules } from './platform-rules';
import { seededRandom } from './random';

const T0 = Date.parse('2026-11-23T12:00:00.000Z');
const MINUTE = 60_000;
/** A day run ten times faster than life: a real minute is 6 s of wall clock. */
const SCALE = 10;
const realMinutes = (minutes: number): number => (minutes * MINUTE) / SCALE;

function rules(seed = 7): PlatformRules {
  return new PlatformRules({ profile: PLATFORM_PROFILES.ubereats, merchants: ['m-1'], timeScale: SCALE, seed });
}

/** An order with a grill and a fry line, placed at T0 with Uber Eats' deadline (11.5 real minutes). */
function placedOrder(orderId = 'o-1'): OrderEvent {
  return {
    eventId: `${orderId}-v1`,
    type: 'ORDER_PLACED',
    orderId,
    merchantId: 'm-1',
    version: 1,
    occurredAt: new Date(T0).toISOString(),
    order: {
      displayNumber: 'A1',
      channel: 'DELIVERY',
      priority: 'NORMAL',
      acceptBy: new Date(T0 + realMinutes(11.5)).toISOString(),
      items: [
        { lineId: 'l1', name: 'Cheeseburger', quantity: 1, station: 'grill', course: 1, modifiers: [], notes: '', allergens: [] },
        { lineId: 'l2', name: 'Fries', quantity: 1, station: 'fry', course: 1, modifiers: [], notes: '', allergens: [] },
      ],
    },
  };
}

let eventNumber = 0;
function kitchen(type: string, at: number, fields: Partial<KitchenEvent> = {}): KitchenEvent {
  eventNumber += 1;
  return {
    eventId: `k-${eventNumber}`,
    type,
    orderId: 'o-1',
    merchantId: 'm-1',
    terminalId: 'expo-1',
    occurredAt: new Date(at).toISOString(),
    ...fields,
  };
}

const accepted = (at: number, prepMinutes: number): KitchenEvent => kitchen('ORDER_ACCEPTED', at, { prepMinutes });
const bumped = (at: number, station?: string): KitchenEvent => kitchen('TICKET_BUMPED', at, station ? { station } : {});

/** Feeds records read at their own occurredAt and returns every decision. */
function feed(platform: PlatformRules, events: KitchenEvent[]): OrderEvent[] {
  return events.flatMap((event) => platform.read(event, Date.parse(event.occurredAt)));
}

describe('the platform holds the kitchen to its deadline', () => {
  it('cancels an order nobody answered once its deadline passes, with the next version, once', () => {
    const platform = rules();
    platform.placed(placedOrder());
    expect(platform.due(T0 + realMinutes(11.4))).toEqual([]);
    const [cancel, ...more] = platform.due(T0 + realMinutes(11.5));
    expect(more).toEqual([]);
    expect(cancel).toMatchObject({ type: 'ORDER_CANCELLED', orderId: 'o-1', version: 2, reason: NOT_ACCEPTED_IN_TIME });
    expect(platform.due(T0 + realMinutes(30))).toEqual([]);
    expect(platform.report()[0]).toMatchObject({ placed: 1, accepted: 0, cancelledForDeadline: 1, open: 0 });
  });

  it('takes an acceptance in time: no cancel, its time in real minutes', () => {
    const platform = rules();
    platform.placed(placedOrder());
    expect(feed(platform, [accepted(T0 + realMinutes(2), 15)])).toEqual([]);
    expect(platform.due(T0 + realMinutes(12))).toEqual([]);
    const [report] = platform.report();
    expect(report).toMatchObject({ accepted: 1, acceptedShare: 1, cancelledForDeadline: 0 });
    expect(report?.acceptanceMinutes).toEqual({ p50: 2, p90: 2, count: 1 });
  });

  it('an acceptance read after the deadline finds the order cancelled: a late answer, not an acceptance', () => {
    const platform = rules();
    platform.placed(placedOrder());
    const decisions = platform.read(accepted(T0 + realMinutes(11), 15), T0 + realMinutes(12));
    expect(decisions).toMatchObject([{ type: 'ORDER_CANCELLED', reason: NOT_ACCEPTED_IN_TIME }]);
    expect(platform.report()[0]).toMatchObject({ accepted: 0, cancelledForDeadline: 1, lateAnswers: 1 });
  });

  it("cancels a rejected order at once, saying the kitchen's reason", () => {
    const platform = rules();
    platform.placed(placedOrder());
    const decisions = feed(platform, [kitchen('ORDER_REJECTED', T0 + realMinutes(1), { reason: 'out of buns' })]);
    expect(decisions).toMatchObject([{ type: 'ORDER_CANCELLED', version: 2, reason: 'rejected by the kitchen: out of buns' }]);
    expect(platform.due(T0 + realMinutes(20))).toEqual([]);
    expect(platform.report()[0]).toMatchObject({ rejected: 1, cancelledForDeadline: 0, accepted: 0 });
  });
});

describe('ready, couriers and the quote', () => {
  it('dispatches a courier on ready; it picks up after its travel time and the order completes then', () => {
    const platform = rules();
    platform.placed(placedOrder());
    const readyAt = T0 + realMinutes(14);
    feed(platform, [accepted(T0 + realMinutes(1), 12), bumped(T0 + realMinutes(10), 'grill'), bumped(T0 + realMinutes(12), 'fry')]);
    expect(feed(platform, [bumped(readyAt), kitchen('ORDER_READY', readyAt)])).toEqual([]);
    expect(platform.due(readyAt + realMinutes(COURIER_TRAVEL_MINUTES.min) - 1)).toEqual([]);
    const [completed] = platform.due(readyAt + realMinutes(COURIER_TRAVEL_MINUTES.max));
    expect(completed).toMatchObject({ type: 'ORDER_COMPLETED', version: 2 });
    const pickupAt = Date.parse(completed?.occurredAt ?? '');
    const [report] = platform.report();
    expect(report?.courierWaitMinutes?.p50).toBeCloseTo(((pickupAt - readyAt) * SCALE) / MINUTE, 6);
    expect(report).toMatchObject({ completed: 1, open: 0, prematureReady: 0, maxReadyPerOrder: 1 });
    // Accepted at 1 with 12 minutes, ready at 14: one minute late.
    expect(report?.quoteErrorMinutes?.p50).toBeCloseTo(1, 6);
  });

  it('measures the quote from the last prep-time update when the kitchen sent one', () => {
    const platform = rules();
    platform.placed(placedOrder());
    feed(platform, [
      accepted(T0 + realMinutes(1), 12),
      kitchen('PREP_TIME_UPDATED', T0 + realMinutes(10), { prepMinutes: 8 }),
      bumped(T0 + realMinutes(17)),
      kitchen('ORDER_READY', T0 + realMinutes(17)),
    ]);
    expect(platform.report()[0]?.quoteErrorMinutes?.p50).toBeCloseTo(1, 6);
  });

  it('counts a ready before every station was bumped as premature; a whole-ticket bump or every station suffices', () => {
    const early = rules();
    early.placed(placedOrder());
    feed(early, [accepted(T0, 10), bumped(T0 + realMinutes(5), 'grill'), kitchen('ORDER_READY', T0 + realMinutes(6))]);
    expect(early.report()[0]?.prematureReady).toBe(1);
    expect(reportHolds(early.report())).toBe(false);
    expect(formatReport('ubereats', early.report())).toMatch(/premature ready 1 \(FAIL\)/);

    const byStations = rules();
    byStations.placed(placedOrder());
    feed(byStations, [
      bumped(T0 + realMinutes(5), 'fry'),
      bumped(T0 + realMinutes(6), 'grill'),
      kitchen('ORDER_READY', T0 + realMinutes(6)),
    ]);
    expect(byStations.report()[0]?.prematureReady).toBe(0);
  });

  it('counts a second ready and a second acceptance, and sends one courier only', () => {
    const platform = rules();
    platform.placed(placedOrder());
    feed(platform, [accepted(T0, 10), accepted(T0 + 1, 10), bumped(T0 + realMinutes(9)), kitchen('ORDER_READY', T0 + realMinutes(9))]);
    feed(platform, [kitchen('ORDER_READY', T0 + realMinutes(9) + 5)]);
    expect(platform.due(T0 + realMinutes(60))).toHaveLength(1);
    expect(platform.report()[0]).toMatchObject({ maxReadyPerOrder: 2, maxAcceptedPerOrder: 2, prematureReady: 0 });
    expect(reportHolds(platform.report())).toBe(false);
  });

  it('draws the same courier times from the same seed', () => {
    const pickups = (seed: number): string[] => {
      const platform = rules(seed);
      platform.placed(placedOrder());
      feed(platform, [bumped(T0), kitchen('ORDER_READY', T0)]);
      return platform.due(T0 + realMinutes(60)).map((event) => event.occurredAt);
    };
    expect(pickups(3)).toEqual(pickups(3));
  });
});

describe('shown, 86 and pause', () => {
  it('counts the orders shown within 10 s of the wall clock (machines run no faster in a compressed day), and a station said shown twice', () => {
    const platform = rules();
    platform.placed(placedOrder('o-1'));
    platform.placed(placedOrder('o-2'));
    feed(platform, [kitchen('TICKET_SHOWN', T0 + 5000, { station: 'grill' }), kitchen('TICKET_SHOWN', T0 + 6000, { station: 'grill' })]);
    feed(platform, [kitchen('TICKET_SHOWN', T0 + 15_000, { orderId: 'o-2' })]);
    const [report] = platform.report();
    expect(report?.shownInTimeShare).toBe(0.5);
    expect(report?.shownSeconds).toMatchObject({ p50: 5, p90: 15 });
    expect(report?.repeatedShown).toBe(1);
  });

  it("stops offering an 86'd item until its end or until it is back, and stops placing while paused", () => {
    const platform = rules();
    const wide = { orderId: kitchenKey('m-1') };
    feed(platform, [
      kitchen('ITEM_AVAILABILITY', T0, { ...wide, item: 'Fries', available: false, until: new Date(T0 + 1000).toISOString() }),
    ]);
    feed(platform, [kitchen('ITEM_AVAILABILITY', T0, { ...wide, item: 'Wings (8)', available: false })]);
    expect(platform.offers('m-1', 'Fries', T0 + 999)).toBe(false);
    expect(platform.offers('m-1', 'Fries', T0 + 1000)).toBe(true);
    expect(platform.offers('m-1', 'Wings (8)', T0 + 10 * MINUTE)).toBe(false);
    feed(platform, [kitchen('ITEM_AVAILABILITY', T0 + 1, { ...wide, item: 'Wings (8)', available: true })]);
    expect(platform.offers('m-1', 'Wings (8)', T0 + 2)).toBe(true);

    feed(platform, [kitchen('KITCHEN_PAUSED', T0, { ...wide, until: new Date(T0 + 5000).toISOString() })]);
    expect(platform.takesOrders('m-1', T0 + 4999)).toBe(false);
    expect(platform.takesOrders('m-1', T0 + 5000)).toBe(true);
    feed(platform, [kitchen('KITCHEN_PAUSED', T0 + 10, { ...wide })]);
    expect(platform.takesOrders('m-1', T0 + 60 * MINUTE)).toBe(false);
    feed(platform, [kitchen('KITCHEN_RESUMED', T0 + 20, { ...wide })]);
    expect(platform.takesOrders('m-1', T0 + 21)).toBe(true);
  });

  it("checks itself: an order placed while paused or with an 86'd item is the platform's mistake", () => {
    const platform = rules();
    const wide = { orderId: kitchenKey('m-1') };
    feed(platform, [
      kitchen('ITEM_AVAILABILITY', T0 - 1, { ...wide, item: 'Fries', available: false }),
      kitchen('KITCHEN_PAUSED', T0 - 1, wide),
    ]);
    platform.placed(placedOrder());
    expect(platform.report()[0]?.selfCheck).toEqual({ placedWhilePaused: 1, placedWithUnavailableItem: 1 });
  });

  it("places delivery orders of offered items only, with the platform's deadline", () => {
    const offered = platformOrder({
      random: seededRandom(1),
      orderNumber: 1,
      orderId: 'o-9',
      merchantId: 'm-1',
      now: T0,
      acceptWindowMs: realMinutes(3),
      offers: (item) => item !== 'Fries' && item !== 'Cheeseburger',
    });
    expect(offered?.order).toMatchObject({ channel: 'DELIVERY', acceptBy: new Date(T0 + realMinutes(3)).toISOString() });
    expect(offered?.order?.items.map((item) => item.name)).not.toContain('Fries');
    expect(offered?.order?.items.map((item) => item.lineId)[0]).toBe('l1');
    const nothing = platformOrder({
      random: seededRandom(1),
      orderNumber: 1,
      orderId: 'o-9',
      merchantId: 'm-1',
      now: T0,
      acceptWindowMs: 1,
      offers: () => false,
    });
    expect(nothing).toBeUndefined();
  });
});
