import type { KdsConfig } from '../../../shared/config';
import type { CoreStatus } from '../../../shared/core-status';
import { KDS_VERSION } from '../../../shared/product';
import { MAX_HEALTH_FAULTS, MAX_HEALTH_PARTITIONS, terminalHealthSchema, type TerminalHealth } from '../../../shared/terminal-health';

/** What the health record takes from the terminal beside its status bar's figures. */
export interface HealthInputs {
  status: CoreStatus;
  /** The last dead letter's reason: a category code (MALFORMED_JSON, SCHEMA…), never the record's content. */
  lastDeadLetterReason: string | null;
  /** When the longest-waiting received event arrived (ms), or null. */
  oldestUnappliedAt: number | null;
  lastTicketShownAt: number | null;
  /** Screens paired with this terminal's web host; null without one. */
  screensPaired: number | null;
  state: TerminalHealth['state'];
  now: number;
}

const iso = (ms: number): string => new Date(ms).toISOString();

/**
 * The terminal's health for the fleet (docs/DESIGN.md §3, "Terminal health"): figures only —
 * no address, credential, path, error text or order content, since the fleet is read by people
 * outside the restaurant. Fault texts stay home: the fleet gets the loop's name and since when.
 */
export function healthRecord(config: Pick<KdsConfig, 'merchantId' | 'terminalId' | 'routing'>, inputs: HealthInputs): TerminalHealth {
  const { status, now } = inputs;
  return terminalHealthSchema.parse({
    merchantId: config.merchantId,
    terminalId: config.terminalId,
    version: KDS_VERSION,
    mode: config.routing === 'routed' ? 'routed' : 'filter',
    state: inputs.state,
    at: iso(now),
    connection: { state: status.connection.state, since: status.connection.since },
    consumer: { state: inputs.state === 'stopped' ? 'stopped' : status.consumer.state, since: status.consumer.since },
    lag: {
      total: status.totalLag,
      partitions: status.lag.slice(0, MAX_HEALTH_PARTITIONS).map((p) => ({ partition: p.partition, lag: p.lag })),
    },
    oldestUnappliedSeconds: inputs.oldestUnappliedAt === null ? null : Math.max(0, (now - inputs.oldestUnappliedAt) / 1000),
    outbox: { pending: status.outbox.pending, oldestAt: status.outbox.oldestAt },
    retryDepth: status.retryDepth,
    parked: status.parked,
    deadLetters: {
      count: status.deadLetters,
      lastReason: status.deadLetters > 0 ? (inputs.lastDeadLetterReason?.slice(0, 200) ?? null) : null,
    },
    openNotices: status.notices.length,
    largestClockSkewMs: status.clock.largestSkewMs,
    faults: status.faults.slice(0, MAX_HEALTH_FAULTS).map((fault) => ({ loop: fault.loop.slice(0, 64), since: fault.since })),
    lastTicketShownAt: inputs.lastTicketShownAt === null ? null : iso(inputs.lastTicketShownAt),
    screensPaired: inputs.screensPaired,
  });
}

/**
 * Whether the fleet must hear of this record at once rather than at the next interval: a change
 * of state, not a tick of lag or an older `at`.
 */
export function healthStateChanged(previous: TerminalHealth | undefined, next: TerminalHealth): boolean {
  if (!previous) return true;
  const shape = (h: TerminalHealth) =>
    JSON.stringify([
      h.state,
      h.connection.state,
      h.consumer.state,
      h.faults.map((f) => f.loop),
      h.deadLetters.count,
      h.outbox.pending > 0,
      h.lag.total === null ? null : h.lag.total > 0,
      h.openNotices,
      h.parked > 0,
      h.screensPaired,
    ]);
  return shape(previous) !== shape(next);
}
