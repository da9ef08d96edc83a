import type { Clock } from './clock';

/**
 * Resolves true once `ready()` holds, re-checking whenever `subscribe` reports a change, or
 * false after `timeoutMs`. Event-driven: nothing polls.
 */
export function waitUntil(
  ready: () => boolean,
  subscribe: (onChange: () => void) => () => void,
  timeoutMs: number,
  clock: Clock,
  cancelled: () => boolean = () => false,
): Promise<boolean> {
  if (ready()) return Promise.resolve(true);
  return new Promise((resolve) => {
    const finish = (value: boolean): void => {
      unsubscribe();
      clock.clearTimer(timer);
      resolve(value);
    };
    const unsubscribe = subscribe(() => {
      if (cancelled()) finish(false);
      else if (ready()) finish(true);
    });
    const timer = clock.setTimer(() => finish(ready()), timeoutMs);
  });
}
