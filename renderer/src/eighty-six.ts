import type { CoreStatus } from '../../shared/core-status';

export type UnavailableItem = CoreStatus['kitchen']['unavailableItems'][number];

/** Item names as the kitchen compares them: "Cheeseburger" and "cheeseburger " are one item. */
export const itemKey = (name: string): string => name.trim().toLowerCase();

/**
 * The items still 86'd at `now`. The core pushes its status when something changes, not when an
 * 86 runs out, so the screen drops an entry whose time has passed itself rather than show a stale one.
 */
export function stillOut(items: readonly UnavailableItem[], now: number): UnavailableItem[] {
  return items.filter((entry) => entry.until === null || Date.parse(entry.until) > now);
}

/** A line is flagged when the core says its item is 86'd and the screen's list of 86'd items still has it (null: no status yet). */
export function lineOut(item: string, flaggedByCore: boolean, out: ReadonlySet<string> | null): boolean {
  return flaggedByCore && (out === null || out.has(itemKey(item)));
}

/**
 * The item keys of `items` as a set, `previous` itself when it holds the same keys: the ticket
 * cards are memoised on it, and a status push that changed no 86 must not redraw every card.
 */
export function sameOrNewItemSet(previous: ReadonlySet<string> | null, items: readonly UnavailableItem[]): ReadonlySet<string> {
  const keys = new Set(items.map((entry) => itemKey(entry.item)));
  if (previous && previous.size === keys.size && [...keys].every((key) => previous.has(key))) return previous;
  return keys;
}
