import { createHash, timingSafeEqual } from 'node:crypto';
import type { Log } from '../lib/log';

/** The wrong PIN in a row that first locks the PIN (the ones before it are the typos of staff in a hurry). */
export const WRONG_PINS_BEFORE_LOCK = 4;
/** The first lock; each further wrong PIN doubles it, up to the longest. */
export const FIRST_LOCK_MS = 15_000;
export const LONGEST_LOCK_MS = 15 * 60_000;

export type PinCheck = { ok: true } | { ok: false; error: string };

/** PINs compared in constant time (as hashes, so lengths do not leak either). */
export function samePin(given: string, expected: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

const lockedFor = (ms: number): string => `too many wrong PINs: try again in ${Math.ceil(ms / 1000)} s`;

/**
 * The support PIN's guard, one per terminal: every PIN check of every operation goes through it,
 * whichever screen or connection asks, because a limit per connection is no limit (a screen may
 * open any number). Three typos are free; from the fourth wrong PIN in a row each one locks the
 * PIN for twice as long as the last (15 s up to 15 minutes), and while it is locked no PIN is
 * evaluated at all, the right one included. The right PIN ends the series.
 *
 * A guesser gets at most 6 PINs in any minute (4 at once, then at 15 s and 45 s), 9 in the first
 * ten minutes, then one every 15 minutes. The price: a flood of guesses also keeps staff waiting
 * up to 15 minutes for a PIN check, which the screen tells them.
 */
export class PinAttempts {
  private wrongInARow = 0;
  private lockedUntil = 0;
  private refusedWhileLocked = 0;

  constructor(
    private readonly now: () => number,
    private readonly log: Log,
  ) {}

  check(given: string, expected: string, action: string): PinCheck {
    const now = this.now();
    if (now < this.lockedUntil) {
      // Not logged one by one: a flood would fill the disk. The next wrong PIN's line counts them.
      this.refusedWhileLocked += 1;
      return { ok: false, error: lockedFor(this.lockedUntil - now) };
    }
    if (samePin(given, expected)) {
      this.wrongInARow = 0;
      return { ok: true };
    }
    this.wrongInARow += 1;
    if (this.wrongInARow < WRONG_PINS_BEFORE_LOCK) {
      this.log('warn', `${action} was refused: wrong PIN`);
      return { ok: false, error: 'wrong PIN' };
    }
    const lockMs = Math.min(FIRST_LOCK_MS * 2 ** (this.wrongInARow - WRONG_PINS_BEFORE_LOCK), LONGEST_LOCK_MS);
    this.lockedUntil = now + lockMs;
    const refused = this.refusedWhileLocked > 0 ? `; ${this.refusedWhileLocked} more refused unchecked while it was locked` : '';
    this.refusedWhileLocked = 0;
    this.log('warn', `${action} was refused: wrong PIN, ${this.wrongInARow} in a row: no PIN is checked for ${lockMs / 1000} s${refused}`);
    return { ok: false, error: `wrong PIN; ${lockedFor(lockMs)}` };
  }
}
