import { createHash, timingSafeEqual } from 'node:crypto';
import type { Log } from '../lib/log';
import { LOCAL_SCREEN, type CallingScreen } from './calling-screen';

/** The wrong PIN in a row from one screen that first locks its PIN (the ones before it are the typos of staff in a hurry). */
export const WRONG_PINS_BEFORE_LOCK = 4;
/** The first lock of a screen's PIN; each further wrong PIN from it doubles it, up to the longest. */
export const FIRST_LOCK_MS = 60_000;
export const LONGEST_LOCK_MS = 15 * 60_000;
/** A screen's wrong PINs are forgotten after this long without one: a typo after a quiet hour counts as the first. */
export const FORGET_WRONG_PINS_MS = 60 * 60_000;
/** The terminal-wide ceilings count wrong PINs over this window. */
export const PIN_WINDOW_MS = 60_000;
/** Wrong PINs the terminal evaluates per window, from every screen together: the bound on guessing, whatever the number of screens. */
export const WRONG_PINS_PER_TERMINAL = 10;
/** Of them, what paired screens together may use: the terminal's own window and its owner's tools always keep the rest. */
export const WRONG_PINS_FROM_PAIRED_SCREENS = 6;
/** Screens remembered at most (those whose last wrong PIN is oldest forgotten first; the ceilings still hold). */
const MAX_SCREENS = 1024;

export type PinCheck = { ok: true } | { ok: false; error: string };

/** A paired screen whose PIN actions are suspended now (shown with the paired screens). */
export interface SuspendedScreen {
  screenId: string;
  until: number;
  wrongInARow: number;
}

/** PINs compared in constant time (as hashes, so lengths do not leak either). */
export function samePin(given: string, expected: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

const inSeconds = (ms: number): number => Math.max(1, Math.ceil(ms / 1000));
const lockedFor = (ms: number): string => `too many wrong PINs from this screen: try again in ${inSeconds(ms)} s`;

interface Budget {
  wrongInARow: number;
  lastWrongAt: number;
  lockedUntil: number;
  refusedWhileLocked: number;
}

/**
 * The support PIN's guard, one per terminal: every PIN check of every operation goes through it.
 * Wrong PINs are counted per screen (a paired screen with the spares it paired, the terminal's
 * own window, the owner's tools: `CallingScreen.pinBudget`), not per connection (a screen may
 * open any number) and not for the whole terminal (a stolen tablet would then lock staff out of
 * every PIN action, unpairing it included).
 *
 * Each screen: three typos are free; from the fourth wrong PIN in a row each one suspends that
 * screen's PIN actions for twice as long as the last (1 minute up to 15), logged and shown in the
 * paired screens' list; while suspended its PINs are not evaluated, the right one included. The
 * right PIN ends its series, and an hour without a wrong PIN forgets it. Other screens keep their
 * own budget.
 *
 * The terminal: at most 10 wrong PINs are evaluated in any minute from all screens together, and
 * paired screens together at most 6 of them, so that many screens cannot guess faster than a few
 * and the terminal's own window always keeps a few checks however many screens flood.
 */
export class PinAttempts {
  private readonly budgets = new Map<string, Budget>();
  /** Wrong PINs evaluated in the last window: when, and whether a paired screen sent it. */
  private readonly recentWrong: { at: number; paired: boolean }[] = [];
  private ceilingRefusals = 0;

  constructor(
    private readonly now: () => number,
    private readonly log: Log,
  ) {}

  check(given: string, expected: string, action: string, screen: CallingScreen = LOCAL_SCREEN): PinCheck {
    const now = this.now();
    const key = screen.pinBudget;
    let budget = this.budgets.get(key);
    if (budget && now - budget.lastWrongAt >= FORGET_WRONG_PINS_MS) {
      this.budgets.delete(key);
      budget = undefined;
    }
    if (budget && now < budget.lockedUntil) {
      // Not logged one by one: a flood would fill the disk. The next wrong PIN's line counts them.
      budget.refusedWhileLocked += 1;
      return { ok: false, error: lockedFor(budget.lockedUntil - now) };
    }
    const ceiling = this.ceiling(now, screen);
    if (ceiling !== undefined) {
      if (this.ceilingRefusals++ === 0) this.log('warn', `${action} was refused unchecked: ${ceiling}`);
      return { ok: false, error: ceiling };
    }
    if (samePin(given, expected)) {
      this.budgets.delete(key);
      return { ok: true };
    }
    const paired = screen.id.startsWith('screen:');
    this.recentWrong.push({ at: now, paired });
    if (!budget) {
      budget = { wrongInARow: 0, lastWrongAt: now, lockedUntil: 0, refusedWhileLocked: 0 };
      this.remember(key, budget);
    }
    budget.wrongInARow += 1;
    budget.lastWrongAt = now;
    const who = paired
      ? `paired screen ${key.replace(/^screen:/, '')}`
      : `the ${screen.id === 'owner' ? "owner's tools" : "terminal's own screen"}`;
    if (budget.wrongInARow < WRONG_PINS_BEFORE_LOCK) {
      this.log('warn', `${action} was refused: wrong PIN from ${who}`);
      return { ok: false, error: 'wrong PIN' };
    }
    const lockMs = Math.min(FIRST_LOCK_MS * 2 ** (budget.wrongInARow - WRONG_PINS_BEFORE_LOCK), LONGEST_LOCK_MS);
    budget.lockedUntil = now + lockMs;
    const refused = budget.refusedWhileLocked > 0 ? `; ${budget.refusedWhileLocked} more refused unchecked while it was suspended` : '';
    budget.refusedWhileLocked = 0;
    this.log(
      'warn',
      `${action} was refused: wrong PIN, ${budget.wrongInARow} in a row from ${who}: its PIN actions are suspended for ${lockMs / 1000} s (other screens keep theirs)${refused}`,
    );
    return { ok: false, error: `wrong PIN; ${lockedFor(lockMs)}` };
  }

  /** Paired screens (by their line's first screen) whose PIN actions are suspended now. */
  suspendedScreens(): SuspendedScreen[] {
    const now = this.now();
    return [...this.budgets]
      .filter(([key, budget]) => key.startsWith('screen:') && budget.lockedUntil > now)
      .map(([key, budget]) => ({ screenId: key.slice('screen:'.length), until: budget.lockedUntil, wrongInARow: budget.wrongInARow }));
  }

  /** Why the terminal evaluates no more PINs from this screen now, or undefined. */
  private ceiling(now: number, screen: CallingScreen): string | undefined {
    while ((this.recentWrong[0]?.at ?? now) <= now - PIN_WINDOW_MS) this.recentWrong.shift();
    if (this.recentWrong.length === 0) this.ceilingRefusals = 0;
    const paired = screen.id.startsWith('screen:');
    const counted = paired ? this.recentWrong.filter((wrong) => wrong.paired) : this.recentWrong;
    const limit = paired ? WRONG_PINS_FROM_PAIRED_SCREENS : WRONG_PINS_PER_TERMINAL;
    if (counted.length < limit) return undefined;
    const freed = (counted[counted.length - limit]?.at ?? now) + PIN_WINDOW_MS;
    return `too many wrong PINs on this terminal: try again in ${inSeconds(freed - now)} s${paired ? " (or on the terminal's own screen)" : ''}`;
  }

  private remember(key: string, budget: Budget): void {
    this.budgets.set(key, budget);
    for (const [old, kept] of this.budgets) {
      if (this.budgets.size <= MAX_SCREENS) break;
      if (kept.lockedUntil <= this.now()) this.budgets.delete(old);
    }
  }
}
