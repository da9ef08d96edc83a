import { describe, expect, it } from 'vitest';
import { createTapRefusals, placeRefusals, type RefusalReport, type RefusalTimers } from './tap-refusals';

/** Timers that run only when the test moves time on: no sleeps, no real clock. */
function manualTimers(): RefusalTimers & { advance: (ms: number) => void; pending: () => number } {
  let now = 0;
  let nextHandle = 1;
  const due = new Map<number, { at: number; run: () => void }>();
  return {
    setTimeout: (run, ms) => {
      const handle = nextHandle++;
      due.set(handle, { at: now + ms, run });
      return handle;
    },
    clearTimeout: (handle) => void due.delete(handle as number),
    advance: (ms) => {
      const until = now + ms;
      for (;;) {
        const next = [...due.entries()].filter(([, timer]) => timer.at <= until).sort((a, b) => a[1].at - b[1].at)[0];
        if (!next) break;
        due.delete(next[0]);
        now = next[1].at;
        next[1].run();
      }
      now = until;
    },
    pending: () => due.size,
  };
}

const bump = (orderId: string | null, reason = 'the next course of A17 is not fired yet: fire it, or wait'): RefusalReport => ({
  orderId,
  kind: 'refused',
  ticket: 'A17',
  action: 'Bump',
  reason,
});

describe('tap refusals', () => {
  it('shows a refusal for its time, then takes it away', () => {
    const timers = manualTimers();
    const refusals = createTapRefusals(timers, 6_000);
    refusals.getState().report(bump('a'));
    timers.advance(5_999);
    expect(refusals.getState().refusals.map((shown) => shown.reason)).toEqual([
      'the next course of A17 is not fired yet: fire it, or wait',
    ]);
    timers.advance(1);
    expect(refusals.getState().refusals).toEqual([]);
    expect(timers.pending()).toBe(0);
  });

  it('goes at once when tapped, and its timer goes with it', () => {
    const timers = manualTimers();
    const refusals = createTapRefusals(timers, 6_000);
    const id = refusals.getState().report(bump('a'));
    refusals.getState().dismiss(id);
    expect(refusals.getState().refusals).toEqual([]);
    expect(timers.pending()).toBe(0);
  });

  it('keeps one refusal per ticket: a newer one replaces it and shows for its full time', () => {
    const timers = manualTimers();
    const refusals = createTapRefusals(timers, 6_000);
    refusals.getState().report(bump('a'));
    timers.advance(4_000);
    refusals.getState().report({ ...bump('a', 'order a has no course 3'), action: 'Fire course 3' });
    const [shown] = refusals.getState().refusals;
    expect(refusals.getState().refusals).toHaveLength(1);
    expect(shown).toMatchObject({ action: 'Fire course 3', reason: 'order a has no course 3', repeats: 1 });
    // The first one's timer does not cut the second one short.
    timers.advance(5_999);
    expect(refusals.getState().refusals).toHaveLength(1);
    timers.advance(1);
    expect(refusals.getState().refusals).toEqual([]);
  });

  it('counts the same refusal tapped again, so a second tap is seen to be answered', () => {
    const timers = manualTimers();
    const refusals = createTapRefusals(timers, 6_000);
    const first = refusals.getState().report(bump('a'));
    const second = refusals.getState().report(bump('a'));
    expect(second).not.toBe(first);
    expect(refusals.getState().refusals).toMatchObject([{ id: second, repeats: 2 }]);
    // Dismissing the replaced one changes nothing.
    refusals.getState().dismiss(first);
    expect(refusals.getState().refusals).toHaveLength(1);
    expect(refusals.getState().report({ ...bump('a'), kind: 'no-answer' })).toBeGreaterThan(second);
    expect(refusals.getState().refusals).toMatchObject([{ kind: 'no-answer', repeats: 1 }]);
  });

  it('shows refusals of different tickets side by side, each on its own time', () => {
    const timers = manualTimers();
    const refusals = createTapRefusals(timers, 6_000);
    refusals.getState().report(bump('a'));
    timers.advance(3_000);
    refusals.getState().report(bump('b'));
    refusals.getState().report(bump(null, 'no bumped ticket to recall'));
    expect(refusals.getState().refusals.map((shown) => shown.orderId)).toEqual(['a', 'b', null]);
    timers.advance(3_000);
    expect(refusals.getState().refusals.map((shown) => shown.orderId)).toEqual(['b', null]);
  });

  it('places a refusal on its ticket when the screen shows it, and the newest other one at the top', () => {
    const timers = manualTimers();
    const refusals = createTapRefusals(timers, 6_000);
    refusals.getState().report(bump('gone'));
    refusals.getState().report(bump('a'));
    refusals.getState().report(bump(null, 'no bumped ticket to recall'));
    const placed = placeRefusals(refusals.getState().refusals, new Set(['a', 'b']));
    expect([...placed.onTickets.keys()]).toEqual(['a']);
    expect(placed.top?.reason).toBe('no bumped ticket to recall');
    // Once the recall's refusal goes, the one for a ticket no longer on screen takes the top.
    refusals.getState().dismiss(placed.top?.id ?? -1);
    expect(placeRefusals(refusals.getState().refusals, new Set(['a', 'b'])).top?.orderId).toBe('gone');
  });
});
