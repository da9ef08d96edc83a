import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../test/support/manual-clock';
import type { CallingScreen } from './calling-screen';
import {
  FIRST_LOCK_MS,
  FORGET_WRONG_PINS_MS,
  PinAttempts,
  WRONG_PINS_BEFORE_LOCK,
  WRONG_PINS_FROM_PAIRED_SCREENS,
  WRONG_PINS_PER_TERMINAL,
} from './pin-attempts';

const PIN = '135790';
const screen = (id: string): CallingScreen => ({ id: `screen:${id}`, pinBudget: `screen:${id}` });
const LOCAL: CallingScreen = { id: 'local', pinBudget: 'local' };
const evaluated = (answer: { ok: boolean; error?: string }): boolean => answer.ok || (answer.error ?? '').startsWith('wrong PIN');

function attemptsWith(clock: ManualClock, logs: string[] = []): PinAttempts {
  return new PinAttempts(
    () => clock.now(),
    (_level, message) => logs.push(message),
  );
}

describe('the support PIN attempt limit', () => {
  it("three typos are free; the fourth suspends that screen's PIN (the right one too), logged and listed; other screens keep theirs", async () => {
    const clock = new ManualClock();
    const logs: string[] = [];
    const attempts = attemptsWith(clock, logs);
    const thief = screen('thief');
    for (let i = 1; i < WRONG_PINS_BEFORE_LOCK; i += 1)
      expect(attempts.check('1111', PIN, 'a replay', thief)).toEqual({ ok: false, error: 'wrong PIN' });
    expect(attempts.check('1111', PIN, 'a replay', thief)).toEqual({
      ok: false,
      error: 'wrong PIN; too many wrong PINs from this screen: try again in 60 s',
    });
    expect(logs.at(-1)).toBe(
      'a replay was refused: wrong PIN, 4 in a row from paired screen thief: its PIN actions are suspended for 60 s (other screens keep theirs)',
    );
    expect(attempts.suspendedScreens()).toEqual([{ screenId: 'thief', until: clock.now() + FIRST_LOCK_MS, wrongInARow: 4 }]);
    expect(attempts.check(PIN, PIN, 'a replay', thief).ok, 'the thief, even with the right PIN').toBe(false);
    expect(attempts.check(PIN, PIN, 'unpairing a screen', LOCAL), "the terminal's own screen").toEqual({ ok: true });
    expect(attempts.check(PIN, PIN, 'unpairing a screen', screen('expo')), 'another paired screen').toEqual({ ok: true });
    await clock.advance(FIRST_LOCK_MS);
    expect(attempts.suspendedScreens()).toEqual([]);
    expect(attempts.check(PIN, PIN, 'a replay', thief)).toEqual({ ok: true });
    expect(attempts.check('1111', PIN, 'a replay', thief), 'the right PIN ends the series').toEqual({ ok: false, error: 'wrong PIN' });
  });

  it('a stolen screen sending a wrong PIN every 500 ms for two hours never keeps staff from the PIN on another screen', () => {
    let now = 0;
    const attempts = new PinAttempts(
      () => now,
      () => undefined,
    );
    let staffEvaluated = 0;
    let staffTries = 0;
    let thiefEvaluated = 0;
    for (now = 0; now < 2 * 3_600_000; now += 500) {
      if (evaluated(attempts.check('0000', PIN, 'a replay', screen('thief')))) thiefEvaluated += 1;
      if (now % 120_000 === 0) {
        staffTries += 2;
        if (attempts.check(PIN, PIN, 'unpairing a screen', LOCAL).ok) staffEvaluated += 1;
        if (attempts.check(PIN, PIN, 'unpairing a screen', screen('expo')).ok) staffEvaluated += 1;
      }
    }
    expect(staffEvaluated).toBe(staffTries);
    expect(thiefEvaluated, 'the thief: 4 at once, then 1, 2, 4, 8 minutes apart, then one per 15 minutes').toBe(14);
  });

  it('one screen: at most 4 PINs in any minute, 7 in the first ten minutes, then one per 15 minutes', async () => {
    const clock = new ManualClock();
    const attempts = attemptsWith(clock);
    const at: number[] = [];
    for (let t = 0; t < 60 * 60_000; t += 1_000, await clock.advance(1_000))
      for (let i = 0; i < 20; i += 1) if (evaluated(attempts.check('1', PIN, 'x', screen('thief')))) at.push(t);
    const inAnyMinute = Math.max(...at.map((start) => at.filter((t) => t >= start && t < start + 60_000).length));
    expect(inAnyMinute).toBe(4);
    expect(at.filter((t) => t < 10 * 60_000)).toEqual([0, 0, 0, 0, 60_000, 180_000, 420_000]);
    expect(at.slice(7, 10)).toEqual([900_000, 1_800_000, 2_700_000]);
  });

  it('many screens at once: paired screens together get 6 wrong PINs a minute, the terminal 10, and its own screen is still checked', async () => {
    const clock = new ManualClock();
    const attempts = attemptsWith(clock);
    const screens = Array.from({ length: 50 }, (_, i) => screen(`s${i}`));
    const at: { t: number; local: boolean }[] = [];
    for (let t = 0; t < 10 * 60_000; t += 1_000, await clock.advance(1_000)) {
      for (const one of screens) if (evaluated(attempts.check('1', PIN, 'x', one))) at.push({ t, local: false });
      if (t % 5_000 === 0 && evaluated(attempts.check('2', PIN, 'x', LOCAL))) at.push({ t, local: true });
    }
    const most = (list: number[]): number => Math.max(...list.map((start) => list.filter((t) => t >= start && t < start + 60_000).length));
    expect(most(at.filter((a) => !a.local).map((a) => a.t))).toBe(WRONG_PINS_FROM_PAIRED_SCREENS);
    expect(most(at.map((a) => a.t))).toBeLessThanOrEqual(WRONG_PINS_PER_TERMINAL);
    expect(attempts.check(PIN, PIN, 'unpairing a screen', { id: 'owner', pinBudget: 'owner' }), "the owner's tools").toEqual({ ok: true });
  });

  it('wrong PINs are forgotten after an hour without one: a typo after a flood does not suspend', async () => {
    const clock = new ManualClock();
    const attempts = attemptsWith(clock);
    for (let i = 0; i < WRONG_PINS_BEFORE_LOCK - 1; i += 1) attempts.check('1', PIN, 'x', LOCAL);
    await clock.advance(FORGET_WRONG_PINS_MS - 1_000);
    expect(attempts.check('1', PIN, 'x', LOCAL).ok).toBe(false);
    expect(attempts.check(PIN, PIN, 'x', LOCAL), 'within the hour, the fourth suspended it').toEqual({
      ok: false,
      error: 'too many wrong PINs from this screen: try again in 60 s',
    });
    await clock.advance(FORGET_WRONG_PINS_MS);
    expect(attempts.check('1', PIN, 'x', LOCAL), 'an hour later: a first typo').toEqual({ ok: false, error: 'wrong PIN' });
  });
});
