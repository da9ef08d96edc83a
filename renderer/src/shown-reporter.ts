import { useEffect } from 'react';
import { browserTimers, type RefusalTimers } from './tap-refusals';

/** At most one report of rendered tickets this often. */
export const SHOWN_REPORT_EVERY_MS = 500;
/** The most order ids one report carries (the app API's limit). */
export const SHOWN_REPORT_MAX = 500;
/** A report the core did not take (no connection, say) is tried again after this long. */
export const SHOWN_REPORT_RETRY_MS = 5_000;

export interface ShownReporterOptions {
  /** Sends one report; true when the core took it. */
  send: (orderIds: string[]) => Promise<boolean>;
  timers?: RefusalTimers;
  now?: () => number;
  everyMs?: number;
  maxBatch?: number;
  retryMs?: number;
}

export interface ShownReporter {
  /** Tickets this screen has painted: those not reported yet are sent in the next report. */
  add: (orderIds: Iterable<string>) => void;
  /** Order ids the core has taken from this screen session. */
  reported: () => number;
  stop: () => void;
}

/**
 * Tells the core which tickets this screen session has painted, each order once: batched (one
 * report in flight, at most one every `everyMs`, at most `maxBatch` ids each), and what a failed
 * report carried is sent again later, so nothing painted goes untold.
 */
export function createShownReporter(options: ShownReporterOptions): ShownReporter {
  const {
    send,
    timers = browserTimers,
    now = () => Date.now(),
    everyMs = SHOWN_REPORT_EVERY_MS,
    maxBatch = SHOWN_REPORT_MAX,
    retryMs = SHOWN_REPORT_RETRY_MS,
  } = options;
  /** Taken by the core, or on their way to it. */
  const told = new Set<string>();
  /** Painted, waiting for the next report (a Set keeps insertion order). */
  const queue = new Set<string>();
  let taken = 0;
  let timer: unknown = null;
  let inFlight = false;
  let lastSentAt = -Infinity;
  let stopped = false;

  const schedule = (delay: number): void => {
    if (stopped || timer !== null || inFlight || queue.size === 0) return;
    timer = timers.setTimeout(
      () => {
        timer = null;
        void flush();
      },
      Math.max(0, delay),
    );
  };
  const flush = async (): Promise<void> => {
    const batch = [...queue].slice(0, maxBatch);
    if (batch.length === 0) return;
    for (const orderId of batch) {
      queue.delete(orderId);
      told.add(orderId);
    }
    inFlight = true;
    lastSentAt = now();
    const ok = await send(batch).catch(() => false);
    inFlight = false;
    if (ok) {
      taken += batch.length;
      schedule(lastSentAt + everyMs - now());
      return;
    }
    // Back to the head of the queue, ahead of anything painted since.
    const later = [...queue];
    queue.clear();
    for (const orderId of [...batch, ...later]) {
      told.delete(orderId);
      queue.add(orderId);
    }
    schedule(retryMs);
  };

  return {
    add: (orderIds) => {
      for (const orderId of orderIds) if (!told.has(orderId)) queue.add(orderId);
      schedule(lastSentAt + everyMs - now());
    },
    reported: () => taken,
    stop: () => {
      stopped = true;
      if (timer !== null) timers.clearTimeout(timer);
      timer = null;
    },
  };
}

/**
 * Reports the tickets once the browser has painted them: the effect runs after React's commit,
 * the animation frame before the next paint, and the reporter's timer after that paint. A screen
 * in a hidden tab paints nothing, so it reports nothing.
 */
export function useReportShown(orderIds: readonly string[], reporter: ShownReporter | null): void {
  useEffect(() => {
    if (!reporter || orderIds.length === 0) return undefined;
    const frame = requestAnimationFrame(() => reporter.add(orderIds));
    return () => cancelAnimationFrame(frame);
  }, [orderIds, reporter]);
}
