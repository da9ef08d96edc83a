import { describe, expect, it } from 'vitest';
import { DEFAULT_KITCHEN_TIMING, type KitchenTiming } from '../../../shared/kitchen-timing';
import { orderLine } from '../../../test/support/fixtures';
import { NO_PROGRESS, type KitchenState } from './kitchen-state';
import { ticketTiming, type TimingInput } from './item-timing';

const FIRE = Date.parse('2026-11-23T12:00:00.000Z');
const item = orderLine;
const noKitchen: KitchenState = { scopes: new Map(), doneLines: new Set() };
const timing = (settings: Partial<KitchenTiming>, rest: Partial<TimingInput> & Pick<TimingInput, 'items'>) =>
  ticketTiming({
    fireAt: FIRE,
    modifiedAt: null,
    changedLines: new Set(),
    kitchen: noKitchen,
    settings: { ...DEFAULT_KITCHEN_TIMING, ...settings },
    ...rest,
  });
const startsAt = (result: ReturnType<typeof ticketTiming>) =>
  Object.fromEntries(
    [...(result?.lines ?? [])].map(([lineId, line]) => [lineId, line.startAt === null ? null : (line.startAt - FIRE) / 1000]),
  );

describe('synchronized item timing', () => {
  const burger = item('l1', 'Cheeseburger', 'grill', { prepSeconds: 420 });
  const fries = item('l2', 'Fries', 'fry', { prepSeconds: 180 });
  const salad = item('l3', 'Side salad', 'cold');

  it('is nothing at all when switched off (the default)', () => {
    expect(timing({}, { items: [burger, fries] })).toBeNull();
  });

  it('starts the longest item at once and the others so that all finish together; an item with no cook time starts at once', () => {
    expect(startsAt(timing({ itemTiming: true }, { items: [burger, fries, salad] }))).toEqual({ l1: 0, l2: 240, l3: 0 });
  });

  it("takes an item's cook time from the settings' table (by name, any case) when its event has none", () => {
    const table = { itemTiming: true, cookTimes: [{ name: 'side SALAD ', seconds: 60 }] };
    expect(startsAt(timing(table, { items: [burger, salad] }))).toEqual({ l1: 0, l3: 360 });
  });

  it('recomputes after a modification: an added item counts from then, and items not yet due move with the new finish', () => {
    const steak = item('l4', 'Steak', 'grill', { prepSeconds: 600 });
    const modified = timing(
      { itemTiming: true },
      { items: [burger, fries, steak], modifiedAt: FIRE + 60_000, changedLines: new Set(['l4']) },
    );
    // Finish: max(0 + 420, 0 + 180, 60 + 600) = 660 s after the fire.
    expect(startsAt(modified)).toEqual({ l1: 240, l2: 480, l4: 60 });
  });
});

describe('course pacing', () => {
  const soup = item('c1', 'Soup', 'cold');
  const bread = item('c2', 'Bread', 'cold');
  const steak = item('m1', 'Steak', 'grill', { course: 2, prepSeconds: 600 });
  const mash = item('m2', 'Mash', 'cold', { course: 2, prepSeconds: 300 });

  it('after a bump: the next course waits (no time yet) until every line of the course before it is struck or bumped', () => {
    const waiting = timing({ coursePacing: 'after-bump', itemTiming: true }, { items: [soup, bread, steak, mash] });
    expect(waiting?.lines.get('m1')).toEqual({ startAt: null, waitsForCourse: 1 });
    expect(waiting?.laterCourses).toEqual([{ course: 2, firesAt: null }]);
    const oneStruck: KitchenState = { ...noKitchen, doneLines: new Set(['c1']), doneAt: new Map([['c1', '2026-11-23T12:05:00.000Z']]) };
    expect(timing({ coursePacing: 'after-bump' }, { items: [soup, bread, steak], kitchen: oneStruck })?.laterCourses).toEqual([
      { course: 2, firesAt: null },
    ]);
    const courseBumped: KitchenState = {
      scopes: new Map([['cold', { ...NO_PROGRESS, bumped: true, bumpStamp: '2026-11-23T12:08:00.000Z|e2' }]]),
      doneLines: new Set(['c1']),
      doneAt: new Map([['c1', '2026-11-23T12:05:00.000Z']]),
    };
    const fired = timing({ coursePacing: 'after-bump', itemTiming: true }, { items: [soup, bread, steak, mash], kitchen: courseBumped });
    // Course 1 counts as bumped when its last line was covered: the cold station's bump at 12:08.
    expect(startsAt(fired)).toEqual({ c1: 0, c2: 0, m1: 480, m2: 780 });
  });

  it('after minutes: the next course fires a set time after the one before it; a cook may fire it earlier', () => {
    const paced = timing({ coursePacing: 'after-minutes', courseMinutes: 12 }, { items: [soup, steak] });
    expect(paced?.laterCourses).toEqual([{ course: 2, firesAt: FIRE + 12 * 60_000 }]);
    const early: KitchenState = { ...noKitchen, courseFiredAt: new Map([[2, '2026-11-23T12:03:00.000Z']]) };
    expect(timing({ coursePacing: 'after-minutes', courseMinutes: 12 }, { items: [soup, steak], kitchen: early })?.laterCourses).toEqual([
      { course: 2, firesAt: FIRE + 3 * 60_000 },
    ]);
    const beforeTheTicket: KitchenState = { ...noKitchen, courseFiredAt: new Map([[2, '2026-11-23T11:00:00.000Z']]) };
    expect(timing({ coursePacing: 'after-bump' }, { items: [soup, steak], kitchen: beforeTheTicket })?.laterCourses).toEqual([
      { course: 2, firesAt: FIRE },
    ]);
  });
});
