/**
 * Exponential backoff with jitter: attempt n waits between half and all of base·2^(n-1),
 * capped, so many terminals retrying one failing API do not hit it in lockstep.
 */
export function backoffDelay(attempt: number, baseMs: number, capMs: number, random: () => number = Math.random): number {
  const exponential = Math.min(capMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(exponential / 2 + (random() * exponential) / 2);
}
