import { describe, expect, it } from 'vitest';
import { itemKey, lineOut, sameOrNewItemSet, stillOut, type UnavailableItem } from './eighty-six';

const out = (item: string, until: string | null): UnavailableItem => ({
  item,
  until,
  since: '2026-12-03T12:00:00.000Z',
  terminalId: 'grill-1',
});

describe("the kitchen's 86'd items on screen", () => {
  it('drops an 86 whose time has run out, keeps one until brought back', () => {
    const items = [out('Fries', '2026-12-03T12:30:00.000Z'), out('Key lime pie', null), out('Cheeseburger', '2026-12-03T13:00:00.000Z')];
    expect(stillOut(items, Date.parse('2026-12-03T12:29:59.000Z')).map((entry) => entry.item)).toEqual([
      'Fries',
      'Key lime pie',
      'Cheeseburger',
    ]);
    expect(stillOut(items, Date.parse('2026-12-03T12:30:00.000Z')).map((entry) => entry.item)).toEqual(['Key lime pie', 'Cheeseburger']);
  });

  it('flags a line the core flags while its item is still out, whatever its case or spaces', () => {
    const stillOutNow = new Set([itemKey('Cheeseburger')]);
    expect(lineOut(' cheeseburger', true, stillOutNow)).toBe(true);
    expect(lineOut('Fries', true, stillOutNow)).toBe(false);
    expect(lineOut('Cheeseburger', false, stillOutNow)).toBe(false);
    // No status yet: the core's word counts.
    expect(lineOut('Fries', true, null)).toBe(true);
  });

  it("keeps the same set while the 86'd items stay the same (the cards are memoised on it), a new one when they change", () => {
    const first = sameOrNewItemSet(null, [out('Cheeseburger', null), out('Fries', null)]);
    expect([...first].sort()).toEqual(['cheeseburger', 'fries']);
    // A status push with the same items, in another order and spelling: the very same set.
    expect(sameOrNewItemSet(first, [out(' fries', '2026-12-03T13:00:00.000Z'), out('CHEESEBURGER', null)])).toBe(first);
    const fewer = sameOrNewItemSet(first, [out('Cheeseburger', null)]);
    expect(fewer).not.toBe(first);
    expect([...fewer]).toEqual(['cheeseburger']);
    const other = sameOrNewItemSet(fewer, [out('Key lime pie', null)]);
    expect([...other]).toEqual(['key lime pie']);
  });
});
