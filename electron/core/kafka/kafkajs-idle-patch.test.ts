import { createRequire } from 'node:module';
import { afterEach, describe, expect, it, vi } from 'vitest';

/** kafkajs' request queue, as patched at install (patches/kafkajs+2.2.4.patch, applied by patch-package). */
interface RequestQueue {
  throttleCheckTimeoutId: unknown;
  scheduleCheckPendingRequests(): void;
  scheduleRequestTimeoutCheck(): void;
  destroy(): void;
}
const RequestQueueClass = createRequire(import.meta.url)('kafkajs/src/network/requestQueue/index.js') as new (
  options: object,
) => RequestQueue;
const logger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };
const queue = () =>
  new RequestQueueClass({
    maxInFlightRequests: null,
    requestTimeout: 10_000,
    enforceRequestTimeout: true,
    clientId: 'test',
    broker: 'b:1',
    logger,
  });

afterEach(() => vi.restoreAllMocks());

describe('an idle Kafka connection does not keep waking the terminal', () => {
  it('schedules no pending-request check when nothing is pending and nothing throttled (upstream: a 1 ms timer forever)', () => {
    const requests = queue();
    const timers = vi.spyOn(globalThis, 'setTimeout');
    requests.scheduleCheckPendingRequests();
    expect(timers).not.toHaveBeenCalled();
    expect(requests.throttleCheckTimeoutId).toBeNull();
  });

  it('checks request timeouts once a second, not every 100 ms', () => {
    const requests = queue();
    const intervals = vi.spyOn(globalThis, 'setInterval');
    requests.scheduleRequestTimeoutCheck();
    expect(intervals.mock.calls.map(([, delay]) => delay)).toEqual([1000]);
    requests.destroy();
  });
});
