import { describe, expect, it } from 'vitest';
import { Storage } from '../../electron/core/store/storage';
import { simulateStream } from '../../scripts/simulator/order-simulator';
import { produceRecords } from '../../scripts/simulator/produce';
import { seededRandom } from '../../scripts/simulator/random';
import { createTopics, testConfig } from '../support/core-harness';
import { testBootstrap, testKafka } from '../support/kafka';
import { startCoreProcess } from '../../scripts/torture/core-process';
import { expectedOrders } from '../../scripts/torture/oracle';
import { fuzzedRecord } from '../../scripts/fuzz/record-fuzz';

const FUZZED = 1_000;

describe('crash safety', () => {
  it(
    'a core SIGKILLed at random moments while consuming 20,000+ events ends exactly as the oracle says',
    { timeout: 420_000 },
    async () => {
      const config = testConfig(testBootstrap(), { kafka: { brokers: [testBootstrap()], sessionTimeoutMs: 2_000 }, gapTimeoutMs: 600_000 });
      const kafka = testKafka();
      await createTopics(kafka, config, 4);
      const stream = simulateStream({
        merchants: ['m-1', 'm-2'],
        ordersPerMerchant: 2_800,
        seed: 11,
        faults: { reorder: 0.1, duplicate: 0.05, versionReplay: 0.05, noHeader: 0.05 },
      });
      expect(stream.length).toBeGreaterThanOrEqual(20_000);
      // The CI-sized share of `npm run torture`'s fuzzed records, interleaved at random places.
      const random = seededRandom(99);
      const records = [...stream];
      for (let i = 0; i < FUZZED; i += 1) records.splice(Math.floor(random() * records.length), 0, fuzzedRecord(random, 'm-1'));
      await produceRecords(kafka, config.topics.orders, records, { batchSize: 1000 });

      let midStreamKills = 0;
      for (let kill = 0; kill < 10; kill += 1) {
        const run = startCoreProcess(config);
        const before = await run.consumed(0);
        // Kill at a random moment after this run has committed at least one more chunk.
        const reached = await Promise.race([run.consumed(before + 1), new Promise<number>((r) => setTimeout(() => r(before), 15_000))]);
        await new Promise((resolve) => setTimeout(resolve, Math.floor(random() * 150)));
        run.child.kill('SIGKILL');
        await run.exited;
        if (reached < records.length) midStreamKills += 1;
      }
      const final = startCoreProcess(config);
      await final.consumed(records.length);
      final.child.kill('SIGTERM');
      await final.exited;

      const store = Storage.openReadOnly(config.dataDir);
      const expected = expectedOrders(records, 'm-1');
      const actual = new Map(store.orders.all().flatMap((o) => (o.orderId.startsWith('fuzz-') ? [] : [[o.orderId, o] as const])));
      expect(actual.size).toBe(expected.size);
      let mismatches = 0;
      for (const [orderId, want] of expected) {
        const got = actual.get(orderId);
        const same =
          got &&
          got.appliedVersion === want.version &&
          got.eventsApplied === want.eventsApplied &&
          got.status === want.status &&
          got.paid === want.paid &&
          JSON.stringify(got.snapshot) === JSON.stringify(want.snapshot);
        if (!same) mismatches += 1;
      }
      expect(mismatches).toBe(0);
      expect(store.queue.depth()).toBe(0);
      expect(store.parked.count()).toBe(0);
      // Every dead letter is a fuzzed record (the real stream has none); no fuzzed record touched a real order.
      const deadLetters = store.deadLetters.recent(FUZZED + 1);
      expect(deadLetters.length).toBeGreaterThan(FUZZED / 3);
      expect(deadLetters.every((letter) => letter.order_id === null || letter.order_id.startsWith('fuzz-'))).toBe(true);
      console.log(
        `crash test: ${records.length} records (${FUZZED} fuzzed, ${deadLetters.length} dead-lettered), 10 SIGKILLs (${midStreamKills} mid-stream), ${expected.size} orders checked, 0 mismatches`,
      );
      expect(midStreamKills).toBeGreaterThanOrEqual(5);
      store.close();
    },
  );
});
