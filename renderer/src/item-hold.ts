import type { TicketItem } from '../../shared/ticket';
import { elapsed } from './use-now';

/** A line greyed on screen: its course is not fired yet, or item timing starts it later. */
export function isHeld(item: TicketItem, now: number): boolean {
  if (item.done) return false;
  return item.waitsForCourse !== null || (item.startAt !== null && Date.parse(item.startAt) > now);
}

export function heldLabel(item: TicketItem, now: number): string {
  if (item.waitsForCourse !== null) return `HELD · after course ${item.waitsForCourse}`;
  // Counting down to the start: the time from now to startAt, never negative.
  return `HELD · start in ${elapsed(new Date(now).toISOString(), item.startAt ? Date.parse(item.startAt) : now).text}`;
}
