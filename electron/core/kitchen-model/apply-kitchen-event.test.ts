import { describe, expect, it } from 'vitest';
import type { KitchenEvent } from '../../../shared/kitchen-events';
import { kitchenEvent } from '../../../test/support/events';
import { courseFireWins, lineEventWins, progressAfter, progressShows, sameProgress } from './apply-kitchen-event';
import { NO_PROGRESS, type ScopeProgress } from './kitchen-state';
import { stampOf } from './stamps';

const at = (second: number) => new Date(Date.UTC(2026, 10, 22, 12, 0, second)).toISOString();
const event = (type: KitchenEvent['type'], second: number, extra: Partial<KitchenEvent> = {}) =>
  kitchenEvent(type, { station: 'grill', occurredAt: at(second), ...extra });
const applyAll = (events: readonly KitchenEvent[]): ScopeProgress =>
  events.reduce((progress, next) => progressAfter(progress, next) ?? progress, NO_PROGRESS);

function permutations<T>(items: readonly T[]): T[][] {
  if (items.length <= 1) return [[...items]];
  return items.flatMap((item, index) => permutations([...items.slice(0, index), ...items.slice(index + 1)]).map((rest) => [item, ...rest]));
}

describe("a scope's progress (pure)", () => {
  const history = [
    event('TICKET_STARTED', 2),
    event('TICKET_BUMPED', 3, { orderVersion: 1 }),
    event('TICKET_RECALLED', 5),
    event('TICKET_BUMPED', 6, { orderVersion: 2 }),
    event('TICKET_STARTED', 1),
    event('VOID_ACKNOWLEDGED', 4),
  ];

  it('ends the same whatever order the events come in, and an echo changes nothing', () => {
    const expected = applyAll(history);
    expect(expected).toEqual({
      startedAt: at(1),
      bumped: true,
      bumpStamp: stampOf(history[3] as KitchenEvent),
      bumpedVersion: 2,
      voidAcknowledged: true,
    });
    for (const order of permutations(history)) expect(applyAll(order)).toEqual(expected);
    for (const echo of history) expect(sameProgress(progressAfter(expected, echo) ?? expected, expected)).toBe(true);
  });

  it('a recall newer than the bump wins over it and forgets the bumped version; an older one does not', () => {
    const bumped = applyAll([event('TICKET_BUMPED', 10, { orderVersion: 3 })]);
    expect(progressAfter(bumped, event('TICKET_RECALLED', 11))).toMatchObject({ bumped: false, bumpedVersion: null });
    expect(progressAfter(bumped, event('TICKET_RECALLED', 9))).toMatchObject({ bumped: true, bumpedVersion: 3 });
  });

  it('a new stamp alone is not shown; other kinds of events are not progress', () => {
    const bumped = applyAll([event('TICKET_BUMPED', 10)]);
    const again = progressAfter(bumped, event('TICKET_BUMPED', 12)) ?? bumped;
    expect(sameProgress(again, bumped)).toBe(false);
    expect(progressShows(bumped, again)).toBe(false);
    expect(progressAfter(bumped, event('ITEM_DONE', 12, { lineId: 'l1' }))).toBeNull();
  });

  it('a line takes the newest done or undone; the earliest fire of a course wins', () => {
    const done = event('ITEM_DONE', 10, { lineId: 'l1' });
    expect(lineEventWins(done, undefined)).toBe(true);
    expect(lineEventWins(done, stampOf(done))).toBe(false);
    expect(lineEventWins(event('ITEM_UNDONE', 11, { lineId: 'l1' }), stampOf(done))).toBe(true);
    expect(courseFireWins(at(5), at(6))).toBe(true);
    expect(courseFireWins(at(6), at(6))).toBe(false);
    expect(courseFireWins(at(6), undefined)).toBe(true);
  });
});
