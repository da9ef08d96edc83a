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
      const terminal = startTerminal(config, { log: () => undefined });
      try {
        const joined = await waitFor(
          'the consumer running',
          () => {
            const consumer = terminal.status().consumer;
            return consumer.state === 'running' ? consumer : undefined;
          },
          30_000,
        );
        // Every consumer session, whatever ends the last one (the partition watch, the log guard, a
        // crash), passes through "starting" or "reconnecting" before "running" again, and each change
        // of state restamps `since`: watched here, not the wording of any one path's log line.
        const statesSeen = new Set<string>();
        const watch = setInterval(() => statesSeen.add(terminal.status().consumer.state), 20);
        // 300 records a second for 16 s: the 5-s partition watch asks the broker three times mid-stream.
        const records = simulateStream({ merchants: ['m-1'], ordersPerMerchant: 1_500, seed: 9 }).slice(0, 4_800);
        await produceRecords(testKafka(), config.topics.orders, records, { batchSize: 5, ratePerSecond: 300 });
        await waitFor('every record applied', () => terminal.status().totalLag === 0 || undefined, 30_000);
        clearInterval(watch);
        // Each rejoin cost the kitchen about 5 s without new tickets.
        expect([...statesSeen]).toEqual(['running']);
        expect(terminal.status().consumer, 'one session from the first join to the last record').toEqual(joined);
      } finally {
        await terminal.stop();
      }
    },
  );
});
