/**
 * Time as the core's loops see it. Injected so unit tests drive time by hand instead of sleeping
 * (test/support/manual-clock.ts); the product uses `systemClock`.
 */
export interface Clock {
  now(): number;
  setTimer(callback: () => void, delayMs: number): unknown;
  clearTimer(timer: unknown): void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimer: (callback, delayMs) => {
    const timer = setTimeout(callback, delayMs);
    // A pending timer must never keep a stopping process alive; every loop is stopped explicitly.
    timer.unref();
    return timer;
  },
  clearTimer: (timer) => clearTimeout(timer as NodeJS.Timeout),
};
