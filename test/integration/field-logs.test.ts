import type { Admin } from 'kafkajs';
import { afterEach, describe, expect, it } from 'vitest';
import { createTopicsReady } from '../../scripts/kafka/create-topics';
import { MERCHANT_HEADER, type OrderEvent } from '../../shared/order-events';
import { cheeseburgerLine } from '../support/fixtures';
import { createTopics, testConfig, waitFor, waitForAsync } from '../support/core-harness';
import { orderEvent, orderSnapshot, placedOrder } from '../support/events';
import { testBootstrap, testKafka } from '../support/kafka';
import { produceOrders, snapshotOf } from '../support/kitchen-fixtures';
import { startObserved, type ObservedTerminal } from '../support/terminal-observer';

// Topology changes a platform makes under running terminals, and what a terminal meets after
// being switched off: every order still shows, and the status says what happened.
const running: ObservedTerminal[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((terminal) => terminal.stop()));
});

function start(config: ReturnType<typeof testConfig>): ObservedTerminal {
  const terminal = startObserved(config);
  running.push(terminal);
  return terminal;
}

async function withAdmin<T>(work: (admin: Admin) => Promise<T>): Promise<T> {
  const admin = testKafka().admin();
  await admin.connect();
  try {
    return await work(admin);
  } finally {
    await admin.disconnect();
  }
}

async function produceTo(topic: string, partition: number, event: OrderEvent): Promise<void> {
  const producer = testKafka().producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  await producer.send({
    topic,
    acks: -1,
    messages: [{ key: event.orderId, value: JSON.stringify(event), partition, headers: { [MERCHANT_HEADER]: event.merchantId } }],
  });
  await producer.disconnect();
}

const applied = (terminal: ObservedTerminal, orderId: string) => terminal.order(orderId)?.appliedVersion ?? 0;

describe('offsets and logs in the field (real broker)', () => {
  it(
    'partitions added while an order is open: its later versions, written to the new partitions, are on screen within 30 s',
    { timeout: 90_000 },
    async () => {
      const config = testConfig(testBootstrap());
      await createTopics(testKafka(), config, 2);
      const topic = config.topics.orders;
      const terminal = start(config);
      await produceTo(topic, 0, placedOrder('ord-grow'));
      await waitFor('version 1', () => applied(terminal, 'ord-grow') === 1, 30_000);

      await withAdmin((admin) => admin.createPartitions({ topicPartitions: [{ topic, count: 6 }] }));
      const grownAt = Date.now();
      const bigger = orderSnapshot({
        displayNumber: 'ORD-GROW',
        items: [cheeseburgerLine(), cheeseburgerLine({ lineId: 'l9', name: 'Onion Rings' })],
      });
      // Out of order and on two new partitions: the sequencer puts them back in order.
      await produceTo(topic, 5, orderEvent('ord-grow', 3, 'ORDER_PAID'));
      await produceTo(topic, 4, orderEvent('ord-grow', 2, 'ORDER_UPDATED', { order: bigger }));
      await waitFor('version 3 from the new partitions', () => applied(terminal, 'ord-grow') === 3, 30_000);
      const took = Date.now() - grownAt;
      console.log(`field: partitions 2 → 6; the order's last version applied ${took} ms after the partitions were added`);
      expect(took).toBeLessThan(30_000);
      const ticket = (await snapshotOf(terminal.terminal)).tickets.find((t) => t.orderId === 'ord-grow');
      expect(ticket?.items.map((item) => item.name)).toContain('Onion Rings');
      expect(ticket?.paid).toBe(true);
      expect(terminal.status().lag.map((p) => p.partition)).toEqual([0, 1, 2, 3, 4, 5]);
    },
  );

  it(
    'the orders topic deleted and recreated under a running terminal: every new order shows, and the status says the log is new',
    { timeout: 120_000 },
    async () => {
      const config = testConfig(testBootstrap());
      const kafka = testKafka();
      await createTopics(kafka, config, 3);
      const topic = config.topics.orders;
      const terminal = start(config);
      await produceOrders(
        kafka,
        topic,
        ['old-1', 'old-2', 'old-3'].map((id) => placedOrder(id)),
      );
      await waitFor('the old orders', () => ['old-1', 'old-2', 'old-3'].every((id) => applied(terminal, id) === 1), 30_000);

      await withAdmin(async (admin) => {
        await admin.deleteTopics({ topics: [topic] });
        // Deletion completes asynchronously; creating again succeeds once it has.
        await waitForAsync('the topic to be created again', async () => {
          try {
            await createTopicsReady(admin, [{ topic, numPartitions: 3, replicationFactor: 1 }]);
            return true;
          } catch {
            return false;
          }
        });
      });
      const recreatedAt = Date.now();
      // More records than before, so stored offsets lie inside the new log: only the record fingerprints tell the logs apart.
      const fresh = ['new-1', 'new-2', 'new-3', 'new-4', 'new-5'];
      await produceOrders(
        kafka,
        topic,
        fresh.flatMap((id) => [placedOrder(id), orderEvent(id, 2, 'ORDER_PAID')]),
      );
      await waitFor('a first new order', () => fresh.some((id) => applied(terminal, id) > 0), 60_000);
      const firstAfter = Date.now() - recreatedAt;
      await waitFor('every new order', () => fresh.every((id) => applied(terminal, id) === 2), 60_000);
      console.log(`field: topic recreated; first new order applied ${firstAfter} ms later, all five ${Date.now() - recreatedAt} ms later`);
      const shown = (await snapshotOf(terminal.terminal)).tickets.map((t) => t.orderId);
      expect(fresh.every((id) => shown.includes(id))).toBe(true);
      const status = terminal.status();
      expect(status.notices.map((n) => n.kind)).toContain('NEW_LOG');
      expect(status.notices.find((n) => n.kind === 'NEW_LOG')?.detail).toContain(topic);
      expect(status.counters['records.applied']).toBeGreaterThanOrEqual(3 + 10);
    },
  );

  it(
    'records deleted by retention while the terminal was off: the orders after them show, and the status counts what was lost',
    { timeout: 90_000 },
    async () => {
      const config = testConfig(testBootstrap());
      const kafka = testKafka();
      await createTopics(kafka, config, 2);
      const topic = config.topics.orders;
      const first = start(config);
      await produceOrders(
        kafka,
        topic,
        ['seen-1', 'seen-2', 'seen-3', 'seen-4'].map((id) => placedOrder(id)),
      );
      await waitFor('the first orders', () => ['seen-1', 'seen-2', 'seen-3', 'seen-4'].every((id) => applied(first, id) === 1), 30_000);
      await first.stop();

      const lost = Array.from({ length: 10 }, (_, i) => placedOrder(`lost-${i}`));
      await produceOrders(kafka, topic, lost);
      await withAdmin(async (admin) => {
        const ends = await admin.fetchTopicOffsets(topic);
        await admin.deleteTopicRecords({ topic, partitions: ends.map(({ partition, high }) => ({ partition, offset: high })) });
      });
      const after = ['after-1', 'after-2', 'after-3'];
      await produceOrders(
        kafka,
        topic,
        after.map((id) => placedOrder(id)),
      );

      const again = start(config);
      await waitFor('the orders after the gap', () => after.every((id) => applied(again, id) === 1), 30_000);
      const shown = (await snapshotOf(again.terminal)).tickets.map((t) => t.orderId);
      expect(after.every((id) => shown.includes(id))).toBe(true);
      const gaps = again.status().notices.filter((n) => n.kind === 'RETENTION_GAP');
      expect(gaps.reduce((sum, n) => sum + (n.lost ?? 0), 0)).toBe(10);
      expect(gaps[0]?.detail).toContain('deleted before this terminal read them');
      expect(lost.every((event) => again.order(event.orderId) === undefined)).toBe(true);
    },
  );

  it(
    'two terminals with one terminal id, orders during the overlap, then one leaves: the other shows every order',
    { timeout: 120_000 },
    async () => {
      const config = testConfig(testBootstrap());
      const kafka = testKafka();
      await createTopics(kafka, config, 3);
      const a = start(config);
      await waitFor(
        'the first terminal to run alone',
        () => a.status().consumer.state === 'running' && !a.status().consumer.detail,
        30_000,
      );
      const b = start(testConfig(testBootstrap(), { env: config.env }));
      await waitFor(
        'both to share the group',
        () => [a, b].every((t) => (t.status().consumer.detail ?? '').includes('in use elsewhere')),
        40_000,
      );

      const orders = Array.from({ length: 30 }, (_, i) => placedOrder(`dup-${i}`));
      await produceOrders(kafka, config.topics.orders, orders);
      const appliedBy = (t: ObservedTerminal) => t.status().counters['records.applied'] ?? 0;
      await waitFor('the two to split the orders', () => appliedBy(a) + appliedBy(b) >= 30 && appliedBy(b) > 0, 30_000);
      expect(appliedBy(a)).toBeLessThan(30);

      await b.stop();
      await waitFor('the remaining screen to show every order', () => a.orders().length === 30, 40_000);
      expect((await snapshotOf(a.terminal)).tickets).toHaveLength(30);
    },
  );
});
