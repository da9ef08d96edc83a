import { describe, expect, it } from 'vitest';
import { NO_PROGRESS, WHOLE_TICKET, type KitchenState, type ScopeProgress } from './kitchen-state';
import { progressOf, recalledAfterBump, stationFinishedAt, ticketFinishedAt } from './scope-overrides';

const kitchen = (scopes: Record<string, Partial<ScopeProgress>>): KitchenState => ({
  scopes: new Map(Object.entries(scopes).map(([scope, progress]) => [scope, { ...NO_PROGRESS, ...progress }])),
  doneLines: new Set(),
});

describe('scope overrides (pure)', () => {
  it("expo's bump of the whole ticket covers every station, with its stamp and version", () => {
    const state = kitchen({ [WHOLE_TICKET]: { bumped: true, bumpStamp: 'T2|e', bumpedVersion: 3 }, grill: { startedAt: 'T1' } });
    expect(progressOf(state, 'grill')).toEqual({ ...NO_PROGRESS, startedAt: 'T1', bumped: true, bumpStamp: 'T2|e', bumpedVersion: 3 });
    expect(progressOf(state, 'fry')).toMatchObject({ bumped: true, bumpedVersion: 3 });
  });

  it("a station that bumped again since keeps its own bump; a station recall does not undo expo's bump", () => {
    const whole = { bumped: true, bumpStamp: 'T2|e', bumpedVersion: 3 };
    expect(
      progressOf(kitchen({ [WHOLE_TICKET]: whole, grill: { bumped: true, bumpStamp: 'T3|g', bumpedVersion: 4 } }), 'grill'),
    ).toMatchObject({
      bumpStamp: 'T3|g',
      bumpedVersion: 4,
    });
    expect(
      progressOf(kitchen({ [WHOLE_TICKET]: whole, grill: { bumped: true, bumpStamp: 'T1|g', bumpedVersion: 2 } }), 'grill'),
    ).toMatchObject({
      bumpStamp: 'T2|e',
      bumpedVersion: 3,
    });
    expect(progressOf(kitchen({ [WHOLE_TICKET]: whole, grill: { bumped: false, bumpStamp: 'T3|g' } }), 'grill').bumped).toBe(true);
  });

  it('recalled after a bump: not bumped, but stamped', () => {
    expect(recalledAfterBump({ ...NO_PROGRESS, bumpStamp: 'T3|g' })).toBe(true);
    expect(recalledAfterBump(NO_PROGRESS)).toBe(false);
  });

  it("reports: a station finished at its own last bump, else at expo's; the ticket at expo's, else at its last station once all are done", () => {
    const finals = new Map([
      ['grill', 100],
      ['fry', 300],
    ]);
    expect(stationFinishedAt(finals, 'grill')).toBe(100);
    expect(stationFinishedAt(finals, 'cold')).toBeUndefined();
    expect(ticketFinishedAt(finals, ['grill', 'fry'])).toBe(300);
    expect(ticketFinishedAt(finals, ['grill', 'fry', 'cold'])).toBeUndefined();
    const withExpo = new Map([...finals, [WHOLE_TICKET, 200]]);
    expect(stationFinishedAt(withExpo, 'cold')).toBe(200);
    expect(ticketFinishedAt(withExpo, ['grill', 'fry', 'cold'])).toBe(200);
  });
});
