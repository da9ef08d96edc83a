import { MAX_PREP_MINUTES } from '../../shared/prep-quote';

/** What the Accept panel starts from when no quote could be made. */
export const FALLBACK_PREP_MINUTES = 20;
/** One tap of −5 / +5 on the Accept panel. */
export const PREP_STEP_MINUTES = 5;

/** The prep time after a −5 or +5 tap: never under 1 minute, never over what the platform takes. */
export function stepMinutes(minutes: number, step: number): number {
  return Math.min(MAX_PREP_MINUTES, Math.max(1, minutes + step));
}

/** The reasons a cook can give with one tap when rejecting an order. */
export const REJECT_REASONS = ['Out of stock', 'Too busy', 'Closing', 'Other'] as const;
export type RejectReason = (typeof REJECT_REASONS)[number];

/** Ticking an out-of-stock line with no reason chosen yet chooses "Out of stock". */
export function reasonAfterTick(reason: RejectReason | null, ticked: number): RejectReason | null {
  return reason === null && ticked > 0 ? 'Out of stock' : reason;
}

/** How long an item is 86'd for: the rest of the day, or a number of minutes. */
export const EIGHTY_SIX_CHOICES = [
  { label: 'For the rest of the day', minutes: null },
  { label: '30 min', minutes: 30 },
  { label: '60 min', minutes: 60 },
] as const;

/** The pause lengths offered on the status bar. */
export const PAUSE_MINUTES = [15, 30, 60] as const;
