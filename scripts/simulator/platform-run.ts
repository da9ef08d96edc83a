import type { Kafka } from 'kafkajs';
import { startPlatformLoop } from './platform-loop';
import type { PlatformName } from './platform-profiles';
import { formatReport, reportHolds } from './platform-report';

/** After the last customer, open orders get this long (real minutes) to be cooked and picked up. */
const SETTLE_MINUTES = 120;

export interface PlatformRunOptions {
  kafka: Kafka;
  env: string;
  platform: PlatformName;
  merchants: readonly string[];
  customersPerMerchant: number;
  customersPerHour: number;
  timeScale: number;
  seed: number;
  orderIdPrefix: string;
  /** Wall-clock ms between reports (default 30 s). */
  reportEveryMs?: number;
}

/**
 * `npm run simulate -- --platform …` from start to end: the platform's loop, its report every 30 s,
 * Ctrl-C ends it early, the final report is printed either way. True when every figure that must
 * hold (no premature or repeated ready, at most one acceptance per order) held.
 */
export async function runPlatform(options: PlatformRunOptions): Promise<boolean> {
  console.log(
    `Playing ${options.platform} for ${options.merchants.join(', ')} on ${options.env}.orders: ${options.customersPerMerchant} customers per merchant,` +
      ` ${options.customersPerHour} an hour, time scaled by ${options.timeScale} (seed ${options.seed}). Ctrl-C ends it with the report.`,
  );
  const loop = await startPlatformLoop({
    ...options,
    settleMinutes: SETTLE_MINUTES,
    reportEveryMs: options.reportEveryMs ?? 30_000,
    log: (text) => console.log(`${text}\n`),
  });
  const interrupt = (): void => void loop.stop().catch(() => undefined);
  process.once('SIGINT', interrupt);
  process.once('SIGTERM', interrupt);
  const reports = await loop.done;
  console.log(`Final report:\n${formatReport(options.platform, reports)}`);
  return reportHolds(reports);
}
