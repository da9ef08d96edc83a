import { describe, expect, it } from 'vitest';
import { merchantPartitions, partitionOfKey } from '../../electron/core/kafka/merchant-partitions';
import { createTopicsReady } from '../../scripts/kafka/create-topics';
import { simulateStream, type SimRecord } from '../../scripts/simulator/order-simulator';
import { produceRecords } from '../../scripts/simulator/produce';
import { routedRecord } from '../../scripts/simulator/routed-keys';
import type { KdsConfig } from '../../shared/config';
import { MERCHANT_HEADER } from '../../shared/order-events';
import { testConfig, waitFor } from '../support/core-harness';
import { readTopicWithKcat } from '../support/kcat';
import { testBootstrap, testKafka } from '../support/kafka';
import { startObserved, type ObservedTerminal } from '../support/terminal-observer';

const merchants = Array.from({ length: 12 }, (_, index) => `m-${index + 1}`);

async function routedTopics(config: KdsConfig, partitions: number): Promise<void> {
  const admin = testKafka().admin();
  await admin.connect();
  try {
    await createTopicsReady(admin, [
      { topic: config.topics.orders, numPartitions: partitions },
      { topic: config.topics.kitchenEvents, numPartitions: 3 },
      { topic: config.topics.routingTable, numPartitions: 1, configEntries: [{ name: 'cleanup.policy', value: 'compact' }] },
    ]);
  } finally {
    await admin.disconnect();
  }
}

async function setShards(config: KdsConfig, merchantId: string, shards: number): Promise<void> {
  const producer = testKafka().producer();
  await producer.connect();
  await producer.send({ topic: config.topics.routingTable, messages: [{ key: merchantId, value: JSON.stringify({ shards }) }] });
  await producer.disconnect();
}

/** The latest version of each of m-1's orders in `records`. */
function latestVersions(records: SimRecord[]): Map<string, number> {
  const latest = new Map<string, number>();
  for (const { event } of records) {
    if (event?.merchantId !== 'm-1') continue;
    latest.set(event.orderId, Math.max(latest.get(event.orderId) ?? 0, event.version));
  }
  return latest;
}

/** Every order of m-1 stored at its latest version, each event applied once. */
function allApplied(terminal: ObservedTerminal, expected: Map<string, number>): boolean {
  const stored = new Map(terminal.orders().map((order) => [order.orderId, order]));
  return [...expected].every(([orderId, version]) => {
    const order = stored.get(orderId);
    return order?.appliedVersion === version && order.eventsApplied === version;
  });
}

const lagPartitions = (terminal: ObservedTerminal) => terminal.status().lag.map((lag) => lag.partition);

describe('routed mode: a terminal reads only its merchant’s share of the stream', () => {
  it(
    'orders keyed by merchant: every order of m-1 applied in order from its one partition; other partitions never fetched',
    { timeout: 120_000 },
    async () => {
      const config = testConfig(testBootstrap(), { routing: 'routed' });
      await routedTopics(config, 6);
      const records = simulateStream({ merchants, ordersPerMerchant: 6, seed: 11 }).map((record) => routedRecord(record));
      await produceRecords(testKafka(), config.topics.orders, records, { batchSize: 200 });
      const own = partitionOfKey('m-1', 6);
      // Others' records that share m-1's partition are fetched and skipped by header; the rest never arrive.
      const sharing = records.filter((record) => record.headers[MERCHANT_HEADER] !== 'm-1' && partitionOfKey(record.key, 6) === own);
      const elsewhere = records.filter((record) => partitionOfKey(record.key, 6) !== own);
      expect(elsewhere.length).toBeGreaterThan(records.length / 2);

      const terminal = startObserved(config);
      try {
        const expected = latestVersions(records);
        await waitFor('every order of m-1', () => allApplied(terminal, expected), 60_000);
        expect(terminal.orders().every((order) => order.merchantId === 'm-1')).toBe(true);
        // On screen: m-1's tickets only.
        const snapshot = await terminal.terminal.api.snapshot(undefined);
        const tickets = snapshot.ok ? snapshot.value.tickets : [];
        expect(tickets.length).toBeGreaterThan(0);
        expect(tickets.every((ticket) => expected.has(ticket.orderId))).toBe(true);
        expect(lagPartitions(terminal)).toEqual([own]);
        // Every record of the partition has been through the terminal once its offset reached the partition's end.
        await waitFor('the partition read to its end', () => terminal.status().lag[0]?.lag === 0 || undefined, 10_000);
        expect(terminal.status().counters['records.other-merchant'] ?? 0).toBe(sharing.length);
        expect(terminal.status().warnings).toEqual([]);

        // A cook's bump goes to the kitchen topic keyed by the merchant: on the partition its other screens read.
        const [orderId] = [...expected.keys()].filter((id) => terminal.order(id)?.status === 'OPEN');
        if (orderId) {
          const bumped = await terminal.terminal.api.execute({ type: 'BUMP', orderId });
          expect(bumped.ok).toBe(true);
          const published = await waitFor(
            'the bump on the kitchen topic',
            () => terminal.status().outbox.pending === 0 || undefined,
            20_000,
          ).then(() => readTopicWithKcat(testBootstrap(), config.topics.kitchenEvents));
          expect(published.map((record) => [record.key, record.partition])).toEqual([['m-1', partitionOfKey('m-1', 3)]]);
        }
      } finally {
        await terminal.stop();
      }
    },
  );

  it(
    'a merchant over 2 shards (partitions 0, 3 of 6), partitions added (0, 1 of 10), then 3 shards (0, 1, 4): nothing lost or applied twice',
    { timeout: 180_000 },
    async () => {
      const config = testConfig(testBootstrap(), { routing: 'routed' });
      await routedTopics(config, 6);
      await setShards(config, 'm-1', 2);
      const shardsOf = (shards: number) => (merchantId: string) => (merchantId === 'm-1' ? shards : 1);
      const stream = simulateStream({ merchants, ordersPerMerchant: 9, seed: 5 });
      // Thirds of the stream in time: an order's later events may land on other partitions than its first.
      const cut = (from: number, to: number) => stream.slice(Math.floor((stream.length * from) / 3), Math.floor((stream.length * to) / 3));
      const [first, second, third] = [cut(0, 1), cut(1, 2), cut(2, 3)];
      await produceRecords(
        testKafka(),
        config.topics.orders,
        first.map((record) => routedRecord(record, shardsOf(2))),
      );

      const terminal = startObserved(config);
      try {
        await waitFor(
          'm-1 over 2 shards',
          () => String(lagPartitions(terminal)) === String(merchantPartitions('m-1', 2, 6)) || undefined,
          40_000,
        );
        await waitFor('the first third', () => allApplied(terminal, latestVersions(first)), 60_000);

        const admin = testKafka().admin();
        await admin.connect();
        await admin.createPartitions({ topicPartitions: [{ topic: config.topics.orders, count: 10 }] });
        await admin.disconnect();
        await waitFor(
          'm-1’s partitions of 10',
          () => String(lagPartitions(terminal)) === String(merchantPartitions('m-1', 2, 10)) || undefined,
          40_000,
        );
        await produceRecords(
          testKafka(),
          config.topics.orders,
          second.map((record) => routedRecord(record, shardsOf(2))),
        );
        await waitFor('the second third', () => allApplied(terminal, latestVersions([...first, ...second])), 60_000);

        await setShards(config, 'm-1', 3);
        await waitFor(
          'm-1 over 3 shards',
          () => String(lagPartitions(terminal)) === String(merchantPartitions('m-1', 3, 10)) || undefined,
          40_000,
        );
        await produceRecords(
          testKafka(),
          config.topics.orders,
          third.map((record) => routedRecord(record, shardsOf(3))),
        );
        const everything = latestVersions(stream);
        await waitFor('every order of m-1', () => allApplied(terminal, everything), 60_000);
        expect(terminal.orders()).toHaveLength(everything.size);
        expect(terminal.status().parked).toBe(0);
        expect(terminal.status().deadLetters).toBe(0);
      } finally {
        await terminal.stop();
      }
    },
  );

  it('a routed terminal stopped while it is still connecting stops at once', { timeout: 60_000 }, async () => {
    const config = testConfig(testBootstrap(), { routing: 'routed' });
    await routedTopics(config, 6);
    // Stopped at two moments of connecting, each checked on the consumer's state rather than
    // guessed from a sleep: before its first session started, and while that session connects
    // (reading the routing table, joining the group) — never once it is running.
    const moments: { name: string; reached: (state: string) => boolean }[] = [
      { name: 'before its first session', reached: () => true },
      { name: 'while its session connects', reached: (state) => state === 'starting' },
    ];
    for (const moment of moments) {
      const terminal = startObserved(config);
      const deadline = Date.now() + 15_000;
      let state = terminal.status().consumer.state;
      while (!moment.reached(state) && state !== 'running' && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 2));
        state = terminal.status().consumer.state;
      }
      expect(state, moment.name).not.toBe('running');
      expect(moment.reached(state), `${moment.name}: reached (state ${state})`).toBe(true);
      const stopped = await Promise.race([
        terminal.stop().then(() => 'stopped'),
        new Promise((resolve) => setTimeout(() => resolve('still running'), 15_000)),
      ]);
      expect(stopped, moment.name).toBe('stopped');
    }
  });
});
