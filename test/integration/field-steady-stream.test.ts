import { describe, expect, it } from 'vitest';
import { startTerminal } from '../../electron/core/app/terminal';
import { simulateStream } from '../../scripts/simulator/order-simulator';
import { produceRecords } from '../../scripts/simulator/produce';
import { createTopics, testConfig, waitFor } from '../support/core-harness';
import { testBootstrap, testKafka } from '../support/kafka';

describe('a terminal under a steady stream (real broker)', () => {
  it(
    'never leaves its group: records applied while the partition watch asks the broker for log ends are not "beyond the end"',
    { timeout: 90_000 },
    async () => {
      const config = testConfig(testBootstrap());
      await createTopics(testKafka(), config, 6);
      const lines: string[] = [];
      const terminal = startTerminal(config, { log: (_level, message) => lines.push(message) });
      try {
        await waitFor('the consumer running', () => terminal.status().consumer.state === 'running' || undefined, 30_000);
        // 300 records a second for 16 s: the 5-s partition watch asks the broker three times mid-stream.
        const records = simulateStream({ merchants: ['m-1'], ordersPerMerchant: 1_500, seed: 9 }).slice(0, 4_800);
        await produceRecords(testKafka(), config.topics.orders, records, { batchSize: 5, ratePerSecond: 300 });
        await waitFor('every record applied', () => terminal.status().totalLag === 0 || undefined, 30_000);
        // Each rejoin cost the kitchen about 5 s without new tickets.
        expect(lines.filter((line) => line.includes('joining again'))).toEqual([]);
      } finally {
        await terminal.stop();
      }
    },
  );
});
