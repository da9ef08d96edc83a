import type { TFunction } from 'i18next';
import { timeOfDay } from './i18n/format';

/** The last minute before an order's answer is due: the countdown turns urgent. */
export const URGENT_SECONDS = 60;

export interface Countdown {
  /** mm:ss left, never negative: "02:41", "00:00". */
  text: string;
  /** Whole seconds left (rounded up, so it reads 00:00 only at the deadline). */
  seconds: number;
  urgent: boolean;
  /** The deadline has passed. */
  over: boolean;
}

/** Time left until `deadline` on this screen's clock. */
export function countdown(deadline: string, now: number): Countdown {
  const left = Date.parse(deadline) - now;
  const seconds = Number.isFinite(left) ? Math.max(0, Math.ceil(left / 1000)) : 0;
  const text = `${String(Math.floor(seconds / 60)).padStart(2, '0')}:${String(seconds % 60).padStart(2, '0')}`;
  return { text, seconds, urgent: seconds <= URGENT_SECONDS, over: !(left > 0) };
}

/** A short duration in a cook's words: "45 s", "4 min" (rounded to the nearest minute from a minute on). */
export function durationText(seconds: number, t: TFunction): string {
  if (seconds < 60) return t('duration.seconds', { seconds: Math.max(0, Math.round(seconds)) });
  return t('duration.minutes', { minutes: Math.round(seconds / 60) });
}

/** Whole minutes from `now` to the end of the local day, never past it (at least 1): "86 for the rest of the day". */
export function minutesLeftToday(now: number): number {
  const midnight = new Date(now);
  midnight.setHours(24, 0, 0, 0);
  // Ends in the day's last minute, not at midnight, which is tomorrow.
  return Math.max(1, Math.floor((midnight.getTime() - now - 1) / 60_000));
}

/** Until when something lasts, in a cook's words: "until 17:30", "for the rest of the day" (ends in the day's last minute). */
export function untilText(until: string | null, t: TFunction): string {
  if (until === null) return t('until.broughtBack');
  const at = new Date(until);
  return at.getHours() === 23 && at.getMinutes() === 59 ? t('until.restOfDay') : t('until.time', { time: timeOfDay(until) });
}
