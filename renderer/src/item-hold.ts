import type { TFunction } from 'i18next';
import type { TicketItem } from '../../shared/ticket';
import { elapsed } from './use-now';

/** A line greyed on screen: its course is not fired yet, or item timing starts it later. */
export function isHeld(item: TicketItem, now: number): boolean {
  if (item.done) return false;
  return item.waitsForCourse !== null || (item.startAt !== null && Date.parse(item.startAt) > now);
}

export function heldLabel(item: TicketItem, now: number, t: TFunction): string {
  if (item.waitsForCourse !== null) return t('line.heldAfterCourse', { course: item.waitsForCourse });
  // Counting down to the start: the time from now to startAt, never negative.
  return t('line.heldStartIn', { duration: elapsed(new Date(now).toISOString(), item.startAt ? Date.parse(item.startAt) : now).text });
}
