import { describe, expect, it } from 'vitest';
import { rollingRestartDuringRush } from '../../scripts/torture/rolling-restart';
import { testConfig } from '../support/core-harness';

describe('a three-broker cluster (replication 3, min in-sync 2) restarted broker by broker during a rush', () => {
  it('never shows the kitchen offline, and no order event or cook action is lost or doubled', { timeout: 420_000 }, async () => {
    const figures = await rollingRestartDuringRush((brokers) =>
      testConfig(brokers[0] as string, { kafka: { brokers, sessionTimeoutMs: 6_000 } }),
    );
    console.log(
      `rolling restart: ${figures.restarts} brokers restarted, ${figures.orderEvents} order events, ${figures.orders} orders, ${figures.bumps} bumps, states seen: ${figures.states.join(', ')} ${figures.offlineDetails.join(' | ')}; refused taps: ${figures.refusals.join(', ') || 'none'}; consumer: ${figures.consumerStates.join(', ')}`,
    );
    if (figures.bumps === 0) console.log(`no bump was possible; the terminal's last log lines:\n${figures.lastLog.join('\n')}`);
    expect(figures.mismatched).toBe(0);
    expect(figures.bumps).toBeGreaterThan(20);
    expect(figures.bumpsOnTopic).toBe(figures.bumps);
    expect(figures.duplicateActions).toBe(0);
    expect(figures.states).not.toContain('offline');
  });
});
