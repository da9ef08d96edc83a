import { describe, expect, it } from 'vitest';
import { partitionOfKey, shardOfOrder } from '../../electron/core/kafka/merchant-partitions';
import { createTopicsReady } from '../../scripts/kafka/create-topics';
import { OrderRouterProcess } from '../../scripts/kafka/order-router';
import { simulateStream, type SimRecord } from '../../scripts/simulator/order-simulator';
import { produceRecords } from '../../scripts/simulator/produce';
import { MERCHANT_HEADER } from '../../shared/order-events';
import { freshEnv, testConfig, waitFor, waitForAsync } from '../support/core-harness';
import { readTopicWithKcat } from '../support/kcat';
import { testBootstrap, testKafka } from '../support/kafka';
import { startObserved, type ObservedTerminal } from '../support/terminal-observer';

/** Every order of the terminal's merchant stored at its latest version, each event applied once. */
function allApplied(terminal: ObservedTerminal, records: SimRecord[]): boolean {
  const latest = new Map<string, number>();
  for (const { event } of records) {
    if (event?.merchantId === terminal.config.merchantId)
      latest.set(event.orderId, Math.max(latest.get(event.orderId) ?? 0, event.version));
  }
  const stored = new Map(terminal.orders().map((order) => [order.orderId, order]));
  return (
    stored.size === latest.size &&
    [...latest].every(
      ([orderId, version]) => stored.get(orderId)?.appliedVersion === version && stored.get(orderId)?.eventsApplied === version,
    )
  );
}

describe('the order router (Kafka Streams, exactly-once v2)', () => {
  it(
    're-keys the platform’s orders by merchant (2 shards for a big one); SIGKILLed mid-stream and restarted, nothing is lost or doubled',
    { timeout: 300_000 },
    async () => {
      const env = freshEnv();
      const small = testConfig(testBootstrap(), { env, routing: 'routed', merchantId: 'm-1' });
      const big = testConfig(testBootstrap(), { env, routing: 'routed', merchantId: 'm-2', terminalId: 'expo-1' });
      const admin = testKafka().admin();
      await admin.connect();
      await createTopicsReady(admin, [
        { topic: `${env}.orders`, numPartitions: 3 },
        { topic: small.topics.orders, numPartitions: 6 },
        { topic: small.topics.kitchenEvents, numPartitions: 3 },
        { topic: small.topics.routingTable, numPartitions: 1, configEntries: [{ name: 'cleanup.policy', value: 'compact' }] },
      ]);
      await admin.disconnect();
      const producer = testKafka().producer();
      await producer.connect();
      await producer.send({ topic: small.topics.routingTable, messages: [{ key: 'm-2', value: JSON.stringify({ shards: 2 }) }] });
      await producer.disconnect();

      const records = simulateStream({ merchants: ['m-1', 'm-2', 'm-3', 'm-4'], ordersPerMerchant: 40, seed: 21 });
      let router = await OrderRouterProcess.start({ bootstrap: testBootstrap(), env });
      const terminals = [startObserved(small), startObserved(big)];
      try {
        // Produced at a pace, so the router is killed with records still coming.
        const producing = produceRecords(testKafka(), `${env}.orders`, records, { batchSize: 10, ratePerSecond: 120 });
        await waitForAsync(
          'a third of the stream routed',
          async () => (await readTopicWithKcat(testBootstrap(), small.topics.orders)).length > records.length / 3,
          60_000,
        );
        await router.kill();
        // Killed mid-stream: part of the input was not routed yet.
        expect((await readTopicWithKcat(testBootstrap(), small.topics.orders)).length).toBeLessThan(records.length);
        router = await OrderRouterProcess.start({ bootstrap: testBootstrap(), env });
        await producing;
        for (const terminal of terminals)
          await waitFor(`every order of ${terminal.config.merchantId}`, () => allApplied(terminal, records), 120_000);

        // Exactly once in the routed topic itself (kcat reads committed records only): each input record once, keyed by merchant.
        // Other merchants' records may still be on their way: wait for as many as went in, then compare them all.
        const routed = await waitForAsync(
          'every record routed',
          async () => {
            const found = await readTopicWithKcat(testBootstrap(), small.topics.orders);
            return found.length >= records.length && found;
          },
          60_000,
        );
        expect(routed).toHaveLength(records.length);
        const keyOf = (record: SimRecord) => {
          const merchant = record.headers[MERCHANT_HEADER] ?? '';
          return merchant === 'm-2' ? `m-2#${shardOfOrder(record.event?.orderId ?? '', 2)}` : merchant;
        };
        const expected = records.map((record) => `${keyOf(record)} ${partitionOfKey(keyOf(record), 6)} ${record.value}`).sort();
        expect(routed.map((record) => `${record.key} ${record.partition} ${record.payload}`).sort()).toEqual(expected);
        expect(new Set(routed.filter((record) => record.key?.startsWith('m-2')).map((record) => record.key))).toEqual(
          new Set(['m-2#0', 'm-2#1']),
        );
      } finally {
        await Promise.all([router.stop(), ...terminals.map((terminal) => terminal.stop())]);
      }
    },
  );
});
