import type { KitchenEvent } from '../../../shared/kitchen-events';
import type { ScopeProgress } from './kitchen-state';
import { stampOf, utcIso, wins } from './stamps';

const earliest = (a: string | null, b: string): string => (a !== null && a <= b ? a : b);

/**
 * A scope's progress after a start, bump, recall or void acknowledgement, or null for any other
 * event. Last writer wins for bump and recall; a start keeps the earliest time; a void
 * acknowledgement never reverts. So applying events in any order or more than once ends in the
 * same state: a terminal's own echoes change nothing.
 */
export function progressAfter(before: ScopeProgress, event: KitchenEvent): ScopeProgress | null {
  const at = utcIso(event.occurredAt);
  switch (event.type) {
    case 'TICKET_STARTED':
      return { ...before, startedAt: earliest(before.startedAt, at) };
    case 'TICKET_BUMPED':
    case 'TICKET_RECALLED': {
      const bumped = event.type === 'TICKET_BUMPED';
      const next = { ...before, startedAt: bumped ? earliest(before.startedAt, at) : before.startedAt };
      const stamp = stampOf(event);
      if (!wins(stamp, before.bumpStamp)) return next;
      return { ...next, bumped, bumpStamp: stamp, bumpedVersion: bumped ? (event.orderVersion ?? null) : null };
    }
    case 'VOID_ACKNOWLEDGED':
      return { ...before, voidAcknowledged: true };
    default:
      return null;
  }
}

/** Whether a screen shows the change from `before` to `next` (a new stamp alone changes nothing on screen). */
export function progressShows(before: ScopeProgress, next: ScopeProgress): boolean {
  return (
    next.startedAt !== before.startedAt ||
    next.bumped !== before.bumped ||
    next.bumpedVersion !== before.bumpedVersion ||
    next.voidAcknowledged !== before.voidAcknowledged
  );
}

/** A line's done or undone wins over what the line's last writer (`knownStamp`) said only when newer. */
export function lineEventWins(event: KitchenEvent, knownStamp: string | undefined): boolean {
  return wins(stampOf(event), knownStamp);
}

/** The earliest fire of a course wins: firing it again, or an echo, changes nothing. */
export function courseFireWins(firedAt: string, knownFiredAt: string | undefined): boolean {
  return knownFiredAt === undefined || firedAt < knownFiredAt;
}

/** When a kitchen event happened, as UTC ISO (stored times compare as text). */
export function occurredIso(event: Pick<KitchenEvent, 'occurredAt'>): string {
  return utcIso(event.occurredAt);
}

export function sameProgress(a: ScopeProgress, b: ScopeProgress): boolean {
  return (
    a.startedAt === b.startedAt &&
    a.bumped === b.bumped &&
    a.bumpStamp === b.bumpStamp &&
    a.bumpedVersion === b.bumpedVersion &&
    a.voidAcknowledged === b.voidAcknowledged
  );
}
