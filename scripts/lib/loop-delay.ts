import { monitorEventLoopDelay } from 'node:perf_hooks';

/**
 * A thread's event-loop delay, sampled every `resolutionMs`. Node's histogram records the time
 * between two samples, the sampling interval included: an idle thread sampled every 5 ms shows a
 * p99 of 5.1 ms. The delay is what exceeds the interval, so it is taken off every figure here.
 */
export function loopDelayMonitor(resolutionMs: number): {
  enable(): void;
  disable(): void;
  /** Milliseconds beyond the sampling interval (two decimals). */
  percentileMs(percentile: number): number;
  maxMs(): number;
} {
  const histogram = monitorEventLoopDelay({ resolution: resolutionMs });
  const beyondInterval = (ns: number): number => Math.round(Math.max(0, ns / 1e6 - resolutionMs) * 100) / 100;
  return {
    enable: () => histogram.enable(),
    disable: () => histogram.disable(),
    percentileMs: (percentile) => beyondInterval(histogram.percentile(percentile)),
    maxMs: () => beyondInterval(histogram.max),
  };
}
