import { useEffect, useState } from 'react';
import { FleetFetchError, type FailureKind } from './fleet-client';

/** How often the page asks again: a support person sees a terminal's change within seconds, without reloading. */
export const REFRESH_MS = 5_000;

/** The last answer, when it came, and whether the latest attempt failed (then the answer is the past, not the present). */
export interface Polled<T> {
  data: T | null;
  receivedAt: number | null;
  failure: FailureKind | null;
}

const EMPTY = { data: null, receivedAt: null, failure: null };

/**
 * Asks at once and then every REFRESH_MS after each answer (never two requests at a time). A change
 * of `key` (another merchant, another terminal) forgets the old answer, so one merchant's figures are
 * never shown under another's name, and an answer to an old key arriving late is dropped.
 */
export function usePolled<T>(key: string | null, load: (signal: AbortSignal) => Promise<T>): Polled<T> {
  const [state, setState] = useState<Polled<T> & { key: string | null }>({ ...EMPTY, key });
  // Reset during render rather than in the effect, so the old key's data is not drawn for one frame.
  const current = state.key === key ? state : { ...EMPTY, key };
  if (current !== state) setState(current);

  useEffect(() => {
    if (key === null) return undefined;
    const abort = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      try {
        const data = await load(abort.signal);
        if (abort.signal.aborted) return;
        setState({ key, data, receivedAt: Date.now(), failure: null });
      } catch (error) {
        if (abort.signal.aborted) return;
        const kind = error instanceof FleetFetchError ? error.kind : 'unreachable';
        setState((previous) => ({ ...previous, key, failure: kind }));
      }
      timer = setTimeout(() => void poll(), REFRESH_MS);
    };
    void poll();
    return () => {
      abort.abort();
      clearTimeout(timer);
    };
    // `load` is rebuilt on every render; the key names everything it depends on.
  }, [key]);
  return current;
}
