import type { TerminalHealth } from '../../shared/terminal-health';

/**
 * A well terminal's health record, as the fleet tests and pages start from: online since `since`,
 * running, nothing lagging, waiting or failed; `overrides` make it whatever the test needs.
 */
export function healthyRecord(
  merchantId: string,
  terminalId: string,
  at: string,
  since: string = at,
  overrides: Partial<TerminalHealth> = {},
): TerminalHealth {
  return {
    merchantId,
    terminalId,
    version: '0.1.0',
    mode: 'filter',
    state: 'running',
    at,
    connection: { state: 'online', since },
    consumer: { state: 'running', since },
    lag: { total: 0, partitions: [{ partition: 0, lag: 0 }] },
    oldestUnappliedSeconds: null,
    outbox: { pending: 0, oldestAt: null },
    retryDepth: 0,
    parked: 0,
    deadLetters: { count: 0, lastReason: null },
    openNotices: 0,
    largestClockSkewMs: null,
    faults: [],
    lastTicketShownAt: null,
    screensPaired: 1,
    ...overrides,
  };
}
