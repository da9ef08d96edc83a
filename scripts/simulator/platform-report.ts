import type { PlacedOrder, PlatformSelfCheck, TurnedAway } from './platform-rules';
import type { TimeScale } from './platform-profiles';

/**
 * A platform's requirement: the order on a kitchen screen within this many seconds of placement.
 * Measured on the wall clock, never scaled: it is the machines' latency (broker, terminal, screen),
 * and they run no faster in a compressed day, so scaling it back would charge them for the compression.
 */
export const SHOWN_WITHIN_SECONDS = 10;

/** The middle and the 90th percentile of some durations, in real minutes, and how many there were. */
export interface Spread {
  p50: number;
  p90: number;
  count: number;
}

/** How one kitchen answered the platform; durations in the day's real minutes (scaled back). */
export interface MerchantReport {
  merchantId: string;
  placed: number;
  accepted: number;
  /** Accepted in time over placed; null before any order. */
  acceptedShare: number | null;
  /** Placement → ORDER_ACCEPTED's occurredAt. */
  acceptanceMinutes: Spread | null;
  rejected: number;
  cancelledForDeadline: number;
  /** Answers that came after the platform had cancelled for the deadline. */
  lateAnswers: number;
  /** |actual ready − promised ready| (the acceptance's quote, or the last prep-time update). */
  quoteErrorMinutes: Spread | null;
  /** Share of placed orders with a TICKET_SHOWN within SHOWN_WITHIN_SECONDS; null before any order. */
  shownInTimeShare: number | null;
  /** Placement → first TICKET_SHOWN, in wall-clock seconds (SHOWN_WITHIN_SECONDS says why not scaled). */
  shownSeconds: Spread | null;
  /** Ready → pickup. */
  courierWaitMinutes: Spread | null;
  completed: number;
  open: number;
  /** ORDER_READY before every station (or expo's whole ticket) was bumped in the log: must be 0. */
  prematureReady: number;
  /** Must be ≤ 1. */
  maxReadyPerOrder: number;
  /** Must be ≤ 1. */
  maxAcceptedPerOrder: number;
  /** Orders whose kitchen both accepted and rejected: must be 0. */
  conflictingAnswers: number;
  /** TICKET_SHOWN repeated for one order and station: must be 0. */
  repeatedShown: number;
  readyAfterCancel: number;
  turnedAway: TurnedAway;
  selfCheck: PlatformSelfCheck;
}

/** Nearest-rank percentile of sorted values. */
function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

export function spreadOf(values: readonly number[]): Spread | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p90: percentile(sorted, 90), count: sorted.length };
}

export function summarizeMerchant(
  merchantId: string,
  orders: readonly PlacedOrder[],
  selfCheck: PlatformSelfCheck,
  turnedAway: TurnedAway,
  scale: TimeScale,
): MerchantReport {
  const minutes = (from: number, to: number): number => scale.realMinutes(to - from);
  const accepted = orders.filter((order) => order.answer?.accepted === true);
  const shownSeconds = orders.flatMap((order) => (order.shownAt === null ? [] : [(order.shownAt - order.placedAt) / 1000]));
  const count = (test: (order: PlacedOrder) => boolean): number => orders.filter(test).length;
  return {
    merchantId,
    placed: orders.length,
    accepted: accepted.length,
    acceptedShare: orders.length === 0 ? null : accepted.length / orders.length,
    acceptanceMinutes: spreadOf(accepted.map((order) => minutes(order.placedAt, order.answer?.at ?? order.placedAt))),
    rejected: count((order) => order.answer?.accepted === false),
    cancelledForDeadline: count((order) => order.cancelledFor === 'DEADLINE'),
    lateAnswers: orders.reduce((sum, order) => sum + order.signals.lateAnswers, 0),
    quoteErrorMinutes: spreadOf(
      orders.flatMap((order) =>
        order.readyAt === null || order.promisedReadyAt === null ? [] : [Math.abs(minutes(order.promisedReadyAt, order.readyAt))],
      ),
    ),
    shownInTimeShare: orders.length === 0 ? null : shownSeconds.filter((seconds) => seconds <= SHOWN_WITHIN_SECONDS).length / orders.length,
    shownSeconds: spreadOf(shownSeconds),
    courierWaitMinutes: spreadOf(
      orders.flatMap((order) => (order.readyAt === null || order.pickupAt === null ? [] : [minutes(order.readyAt, order.pickupAt)])),
    ),
    completed: count((order) => order.outcome === 'COMPLETED'),
    open: count((order) => order.outcome === 'OPEN'),
    prematureReady: orders.reduce((sum, order) => sum + order.signals.prematureReady, 0),
    maxReadyPerOrder: Math.max(0, ...orders.map((order) => order.signals.ready)),
    maxAcceptedPerOrder: Math.max(0, ...orders.map((order) => order.signals.accepted)),
    conflictingAnswers: count((order) => order.signals.accepted > 0 && order.signals.rejected > 0),
    repeatedShown: orders.reduce((sum, order) => sum + [...order.shownPerStation.values()].filter((n) => n > 1).length, 0),
    readyAfterCancel: orders.reduce((sum, order) => sum + order.signals.readyAfterCancel, 0),
    turnedAway: { ...turnedAway },
    selfCheck: { ...selfCheck },
  };
}

const share = (value: number | null): string => (value === null ? '-' : `${(value * 100).toFixed(1)}%`);
const spread = (value: Spread | null, unit: 'min' | 's'): string => {
  if (value === null) return '-';
  // Seconds are the machines' latency: tens of milliseconds matter there.
  const digits = unit === 's' ? 2 : 1;
  return `p50 ${value.p50.toFixed(digits)} / p90 ${value.p90.toFixed(digits)} ${unit} (n=${value.count})`;
};
const mustBe = (value: number, limit: number): string => `${value}${value > limit ? ' (FAIL)' : ''}`;

/** The report as people read it: one block per merchant, what must hold marked FAIL when it does not. */
export function formatReport(platform: string, reports: readonly MerchantReport[]): string {
  return reports
    .map((report) =>
      [
        `${platform} / ${report.merchantId}: ${report.placed} placed, ${report.completed} picked up, ${report.open} open;` +
          ` turned away: ${report.turnedAway.paused} while paused, ${report.turnedAway.nothingOffered} with nothing offered`,
        `  accepted ${report.accepted} (${share(report.acceptedShare)}), in ${spread(report.acceptanceMinutes, 'min')}`,
        `  rejected ${report.rejected}, cancelled for a missed deadline ${report.cancelledForDeadline}, late answers ${report.lateAnswers}`,
        `  quote error ${spread(report.quoteErrorMinutes, 'min')}`,
        `  shown within ${SHOWN_WITHIN_SECONDS} s ${share(report.shownInTimeShare)}, shown after ${spread(report.shownSeconds, 's')} (wall clock)`,
        `  courier wait ${spread(report.courierWaitMinutes, 'min')}`,
        `  premature ready ${mustBe(report.prematureReady, 0)}, ready per order max ${mustBe(report.maxReadyPerOrder, 1)},` +
          ` accepted per order max ${mustBe(report.maxAcceptedPerOrder, 1)}, conflicting answers ${mustBe(report.conflictingAnswers, 0)},` +
          ` repeated shown ${mustBe(report.repeatedShown, 0)}, ready after cancel ${report.readyAfterCancel}`,
        `  platform self-check: placed while paused ${mustBe(report.selfCheck.placedWhilePaused, 0)},` +
          ` placed with an 86'd item ${mustBe(report.selfCheck.placedWithUnavailableItem, 0)}`,
      ].join('\n'),
    )
    .join('\n');
}

/** True when every figure that must hold holds, for a caller's exit code. */
export function reportHolds(reports: readonly MerchantReport[]): boolean {
  return reports.every(
    (report) =>
      report.prematureReady === 0 &&
      report.maxReadyPerOrder <= 1 &&
      report.maxAcceptedPerOrder <= 1 &&
      report.conflictingAnswers === 0 &&
      report.repeatedShown === 0 &&
      report.selfCheck.placedWhilePaused === 0 &&
      report.selfCheck.placedWithUnavailableItem === 0,
  );
}
