import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../test/support/manual-clock';
import { FIRST_LOCK_MS, LONGEST_LOCK_MS, PinAttempts, WRONG_PINS_BEFORE_LOCK } from './pin-attempts';

const PIN = '135790';

/** Guesses as fast as answers come, for `ms` of the clock, and counts the guesses that were evaluated. */
async function guessFor(attempts: PinAttempts, clock: ManualClock, ms: number): Promise<number> {
  let evaluated = 0;
  for (const end = clock.now() + ms; clock.now() < end; await clock.advance(1_000)) {
    for (let i = 0; i < 50; i += 1) {
      const answer = attempts.check('000000', PIN, 'a test');
      if (!answer.ok && answer.error.startsWith('wrong PIN')) evaluated += 1;
    }
  }
  return evaluated;
}

describe('the support PIN attempt limit', () => {
  it('three typos are free; the fourth wrong PIN locks it, and while locked not even the right PIN is evaluated', async () => {
    const clock = new ManualClock();
    const logs: string[] = [];
    const attempts = new PinAttempts(
      () => clock.now(),
      (_level, message) => logs.push(message),
    );
    for (let i = 1; i < WRONG_PINS_BEFORE_LOCK; i += 1)
      expect(attempts.check('1111', PIN, 'a replay')).toEqual({ ok: false, error: 'wrong PIN' });
    expect(attempts.check('1111', PIN, 'a replay')).toEqual({ ok: false, error: 'wrong PIN; too many wrong PINs: try again in 15 s' });
    await clock.advance(FIRST_LOCK_MS - 1_000);
    expect(attempts.check(PIN, PIN, 'a replay')).toEqual({ ok: false, error: 'too many wrong PINs: try again in 1 s' });
    await clock.advance(1_000);
    expect(attempts.check(PIN, PIN, 'a replay')).toEqual({ ok: true });
    expect(attempts.check('1111', PIN, 'a replay'), 'the right PIN ends the series').toEqual({ ok: false, error: 'wrong PIN' });
    expect(logs).toHaveLength(WRONG_PINS_BEFORE_LOCK + 1);
    expect(logs[WRONG_PINS_BEFORE_LOCK - 1]).toBe('a replay was refused: wrong PIN, 4 in a row: no PIN is checked for 15 s');
  });

  it('each further wrong PIN doubles the lock up to 15 minutes; refusals while locked are counted in the next line, not logged one by one', async () => {
    const clock = new ManualClock();
    const logs: string[] = [];
    const attempts = new PinAttempts(
      () => clock.now(),
      (_level, message) => logs.push(message),
    );
    const locks: string[] = [];
    for (let i = 0; i < 12; i += 1) {
      const answer = attempts.check('1', PIN, 'x');
      if (!answer.ok) locks.push(answer.error);
      // While it is locked, the right PIN too is refused unchecked (and so does not end the series).
      if (i >= WRONG_PINS_BEFORE_LOCK - 1) for (let j = 0; j < 100; j += 1) expect(attempts.check(PIN, PIN, 'x').ok).toBe(false);
      await clock.advance(LONGEST_LOCK_MS);
    }
    expect(locks.slice(3, 8).map((error) => /(\d+) s$/.exec(error)?.[1])).toEqual(['15', '30', '60', '120', '240']);
    expect(locks.at(-1)).toMatch(/try again in 900 s$/);
    expect(logs).toHaveLength(12);
    expect(logs[4]).toMatch(/5 in a row: no PIN is checked for 30 s; 100 more refused unchecked while it was locked$/);
  });

  it('a flood evaluates at most 6 PINs in any minute, 9 in the first ten minutes, then one per 15 minutes', async () => {
    const clock = new ManualClock();
    const attempts = new PinAttempts(
      () => clock.now(),
      () => undefined,
    );
    expect(await guessFor(attempts, clock, 60_000)).toBe(6);
    expect(await guessFor(attempts, clock, 9 * 60_000)).toBe(3);
    expect(await guessFor(attempts, clock, 60 * 60_000)).toBe(4);
  });
});
