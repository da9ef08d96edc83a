import { describe, expect, it } from 'vitest';
import { DEFAULT_KITCHEN_ANSWERS } from '../../../shared/kitchen-answers';
import { DEFAULT_KITCHEN_TIMING } from '../../../shared/kitchen-timing';
import { MAX_PREP_MINUTES, prepQuoteSchema } from '../../../shared/prep-quote';
import { orderLine } from '../../../test/support/fixtures';
import { quoteLinesOf, quotePrep, type QuoteInput, type QuoteLine, type StationLoad } from './prep-quote';

const NOW = Date.parse('2026-11-23T12:00:00.000Z');
// The defaults: 2 cooks per station, 300 s for an unknown cook time, 60 s of expo.
const settings = DEFAULT_KITCHEN_ANSWERS;
const line = (station: string, cookSeconds: number | null, course = 1): QuoteLine => ({ station, course, cookSeconds });
const load = (station: string, openItems: number, remainingCookSeconds: number, itemsWithoutCookTime = 0): StationLoad => ({
  station,
  openTickets: Math.ceil(openItems / 2),
  openItems,
  remainingCookSeconds,
  itemsWithoutCookTime,
});
const quote = (lines: QuoteLine[], loads: StationLoad[] = [], overrides: Partial<QuoteInput['settings']> = {}) => {
  const result = quotePrep({ now: NOW, lines, load: loads, settings: { ...settings, ...overrides } });
  // Whatever the input, the quote is one the contract accepts.
  expect(prepQuoteSchema.parse(result)).toEqual(result);
  return result;
};

describe('the load-aware prep-time quote', () => {
  const burger = line('grill', 420);
  const fries = line('fry', 180);

  it('in an empty kitchen is the longest cook of the course plus expo, rounded up to minutes', () => {
    expect(quote([burger, fries])).toEqual({
      minutes: 8, // 420 + 60 s
      at: '2026-11-23T12:00:00.000Z',
      stations: [
        { station: 'fry', waitSeconds: 0, cookSeconds: 180, openTickets: 0, openItems: 0 },
        { station: 'grill', waitSeconds: 0, cookSeconds: 420, openTickets: 0, openItems: 0 },
      ],
      itemsWithoutCookTime: 0,
    });
  });

  it('rises with a loaded station: its items beyond one per cook, at their average cook time, spread over the cooks', () => {
    const busyGrill = quote([burger, fries], [load('grill', 6, 2400), load('fry', 1, 180)]);
    // 4 items waiting × 400 s / 2 cooks = 800 s before the burger starts; 800 + 420 + 60 = 1280 s.
    expect(busyGrill.minutes).toBe(22);
    expect(busyGrill.stations).toEqual([
      { station: 'fry', waitSeconds: 0, cookSeconds: 180, openTickets: 1, openItems: 1 },
      { station: 'grill', waitSeconds: 800, cookSeconds: 420, openTickets: 3, openItems: 6 },
    ]);
    expect(quote([burger, fries], [load('grill', 6, 2400)], { cooksPerStation: 4 }).minutes).toBe(12); // 2 × 400 / 4 = 200 s, + 420 + 60
  });

  it('is not raised by a station whose cooks are not all busy, nor by a loaded station the order does not use', () => {
    expect(quote([burger], [load('grill', 2, 840), load('fry', 30, 9000)]).minutes).toBe(8);
  });

  it('counts a line with no known cook time at the default, in the order and in the load, and reports the order’s', () => {
    const unknown = quote([line('cold', null), fries]);
    expect(unknown.minutes).toBe(6); // 300 + 60 s
    expect(unknown.itemsWithoutCookTime).toBe(1);
    // 2 known lines (600 s) and 2 unknown (2 × 300 s): 300 s a line, 2 beyond the cooks → 300 s of wait.
    const waiting = quote([fries], [load('fry', 4, 600, 2)]);
    expect(waiting.stations[0]?.waitSeconds).toBe(300);
    expect(waiting.minutes).toBe(9); // 300 + 180 + 60 s
    expect(quote([fries], [load('fry', 4, 600, 2)], { defaultCookSeconds: 0 }).stations[0]?.waitSeconds).toBe(150);
  });

  it('cooks courses one after the other, across stations: a course waits for the one before and for its station', () => {
    const steak = line('grill', 720, 2);
    const salad = line('cold', 240, 1);
    const espresso = line('bar', 60, 3);
    const dinner = quote([salad, steak, espresso, line('grill', 420, 1)]);
    expect(dinner.minutes).toBe(21); // 420, then 720, then 60, then expo: 1260 s
    expect(dinner.stations.map(({ station, cookSeconds }) => [station, cookSeconds])).toEqual([
      ['bar', 60],
      ['cold', 240],
      ['grill', 1140],
    ]);
    // The steak's station is busy for 600 s: longer than the salad (240 s), so the steak starts at 600 s.
    expect(quote([salad, steak], [load('grill', 4, 2400)]).minutes).toBe(23); // 600 + 720 + 60 = 1380 s
    // A wait shorter than the course before it costs nothing.
    expect(quote([line('cold', 600, 1), steak], [load('grill', 4, 600)]).minutes).toBe(23); // 150 s of wait within 600: 600 + 720 + 60 s
  });

  it('is 1 to 240 minutes however small or large', () => {
    expect(quote([line('bar', 0)], [], { expoSeconds: 0 }).minutes).toBe(1);
    expect(quote([burger], [load('grill', 400, 400 * 600)]).minutes).toBe(MAX_PREP_MINUTES);
  });

  it('lists an order across more stations than a quote may list by its slowest ones', () => {
    const lines = Array.from({ length: 60 }, (_, index) => line(`station-${String(index).padStart(2, '0')}`, 60 + index));
    const listed = quote(lines).stations;
    expect(listed).toHaveLength(50);
    expect(listed[0]?.station).toBe('station-10');
    expect(quote(lines).minutes).toBe(3); // 119 + 60 s
  });
});

describe("an order's lines for the quote", () => {
  it("take each item's cook time as item timing reads it: the event's, else the cook-time table's, else none", () => {
    const timing = { ...DEFAULT_KITCHEN_TIMING, cookTimes: [{ name: 'Side Salad', seconds: 90 }] };
    const items = [
      orderLine('l1', 'Cheeseburger', 'grill', { prepSeconds: 420 }),
      orderLine('l2', 'side salad', 'cold', { course: 2 }),
      orderLine('l3', 'Soup of the day', 'hot'),
    ];
    expect(quoteLinesOf(items, timing)).toEqual([
      { station: 'grill', course: 1, cookSeconds: 420 },
      { station: 'cold', course: 2, cookSeconds: 90 },
      { station: 'hot', course: 1, cookSeconds: null },
    ]);
  });
});
