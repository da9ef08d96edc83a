import type { Admin } from 'kafkajs';
import { afterEach, describe, expect, it } from 'vitest';
import { startTerminal } from '../../electron/core/app/terminal';
import { consumerGroupId } from '../../electron/core/kafka/topic-consumer';
import type { KdsConfig } from '../../shared/config';
import { MERCHANT_HEADER, type OrderEvent } from '../../shared/order-events';
import { createTopics, testConfig, waitFor } from '../support/core-harness';
import { orderEvent, placedOrder } from '../support/events';
import { testBootstrap, testKafka } from '../support/kafka';
import { observe, type ObservedTerminal } from '../support/terminal-observer';

// Partitions added to the orders topic at the moments a terminal is most fragile: while it joins
// its group for the first time, while its group rebalances, twice in a row while a session ends.
// Whatever the moment, the records on the new partitions are applied within 30 s, and while they
// wait the status never says the terminal is up to date.
const stops: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(stops.splice(0).map((stop) => stop()));
});

/** A terminal whose log lines are kept, so a test can act at the moment it says something. */
function start(config: KdsConfig): ObservedTerminal & { logged: (text: string) => Promise<void> } {
  const lines: string[] = [];
  const waiters: { text: string; resolve: () => void }[] = [];
  const terminal = observe(
    startTerminal(config, {
      log: (_level, message) => {
        lines.push(message);
        for (const waiter of waiters.filter((w) => message.includes(w.text))) waiter.resolve();
      },
    }),
  );
  stops.push(() => terminal.stop());
  const logged = (text: string) =>
    lines.some((line) => line.includes(text)) ? Promise.resolve() : new Promise<void>((resolve) => waiters.push({ text, resolve }));
  return { ...terminal, logged };
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

const grow = (topic: string, count: number) => withAdmin((admin) => admin.createPartitions({ topicPartitions: [{ topic, count }] }));

async function produceTo(topic: string, partition: number, event: OrderEvent): Promise<void> {
  const producer = testKafka().producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  try {
    const headers = { [MERCHANT_HEADER]: event.merchantId };
    await producer.send({ topic, acks: -1, messages: [{ key: event.orderId, value: JSON.stringify(event), partition, headers }] });
  } finally {
    await producer.disconnect();
  }
}

/**
 * Another member of the terminal's group, stuck in its first batch (a process that hangs): the
 * group's next rebalance waits for it up to its rebalance timeout, so a join is held that long.
 * `leave` ends it (the process is killed or recovers and leaves).
 */
async function stuckMember(groupId: string, topic: string, holdMs: number): Promise<{ leave: () => Promise<void> }> {
  const consumer = testKafka().consumer({ groupId, sessionTimeout: holdMs, rebalanceTimeout: holdMs, heartbeatInterval: 500 });
  let release = (): void => undefined;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const leave = async (): Promise<void> => {
    release();
    await consumer.disconnect();
  };
  stops.push(leave);
  let entered = (): void => undefined;
  const inBatch = new Promise<void>((resolve) => (entered = resolve));
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({
    eachBatch: async () => {
      entered();
      await gate;
    },
  });
  await inBatch;
  return { leave };
}

/**
 * Waits for the order's version while checking, at every look, that the terminal never reports
 * lag 0 while the records wait (from `after` on: the probe sees a new log end within its 2 s).
 */
async function appliedWithLagShown(terminal: ObservedTerminal, orderId: string, version: number, after: number): Promise<number> {
  const since = Date.now();
  const zeroLagWhileWaiting: string[] = [];
  await waitFor(
    `version ${version} of ${orderId}`,
    () => {
      if ((terminal.order(orderId)?.appliedVersion ?? 0) >= version) return true;
      const status = terminal.status();
      if (Date.now() - since > after && status.totalLag === 0)
        zeroLagWhileWaiting.push(JSON.stringify(status.lag.map((p) => [p.partition, p.nextOffset, p.highWatermark])));
      return false;
    },
    30_000,
  );
  expect(zeroLagWhileWaiting).toEqual([]);
  return Date.now() - since;
}

describe('partitions added at any moment (real broker)', () => {
  it('during the terminal’s first join of its group: applied within 30 s, lag shown while waiting', { timeout: 90_000 }, async () => {
    const config = testConfig(testBootstrap());
    await createTopics(testKafka(), config, 6);
    const topic = config.topics.orders;
    await produceTo(topic, 0, placedOrder('ord-young'));
    // A member that hangs holds the terminal's first join for up to 10 s.
    const stuck = await stuckMember(consumerGroupId(config), topic, 10_000);
    const terminal = start(config);
    // Positioned on 6 partitions (their start positions are stored), and still waiting to join.
    await waitFor('the terminal to have positioned itself', () => terminal.read((db) => db.offsets.all(topic).length) === 6);
    expect(terminal.status().consumer.state).toBe('starting');
    await grow(topic, 12);
    const grownAt = Date.now();
    await produceTo(topic, 8, orderEvent('ord-young', 2, 'ORDER_PAID'));
    await produceTo(topic, 11, orderEvent('ord-young', 3, 'ORDER_COMPLETED'));
    // The join is still held: the two records wait, and the status must say so.
    const lagOf = (partition: number) => terminal.status().lag.find((p) => p.partition === partition)?.lag;
    await waitFor('the records on the new partitions shown as lag while the join is held', () => lagOf(8) === 1 && lagOf(11) === 1, 8_000);
    expect(terminal.status().consumer.state).toBe('starting');
    expect(terminal.order('ord-young')).toBeUndefined();
    await stuck.leave();
    await appliedWithLagShown(terminal, 'ord-young', 3, 0);
    const took = Date.now() - grownAt;
    console.log(`field: partitions 6 → 12 during the first join; applied ${took} ms after the partitions were added`);
    expect(took).toBeLessThan(30_000);
    // The probe looks every 2 s: the partitions it has not seen yet are listed from its next look on.
    await waitFor('every partition in the status', () => terminal.status().lag.length === 12);
    expect(terminal.status().totalLag).toBe(0);
  });

  it('during a rebalance of the terminal’s group: applied within 30 s, lag shown while waiting', { timeout: 90_000 }, async () => {
    const config = testConfig(testBootstrap());
    await createTopics(testKafka(), config, 6);
    const topic = config.topics.orders;
    const terminal = start(config);
    await waitFor('the terminal to run', () => terminal.status().consumer.state === 'running');
    await Promise.all([0, 1, 2, 3, 4, 5].map((partition) => produceTo(topic, partition, placedOrder(`ord-${partition}`))));
    await waitFor('the first orders', () => terminal.orders().length === 6);
    // A second member joins and hangs in its first batch; a third's join then starts a rebalance that waits for it.
    const stuck = await stuckMember(consumerGroupId(config), topic, 8_000);
    const third = testKafka().consumer({ groupId: consumerGroupId(config), sessionTimeout: 6_000 });
    stops.push(() => third.disconnect());
    await third.connect();
    await third.subscribe({ topic, fromBeginning: true });
    void third.run({ eachBatch: async () => undefined });
    await waitFor('the rebalance to start', () => terminal.status().consumer.detail?.includes('in use elsewhere') === true, 20_000);
    await grow(topic, 12);
    await produceTo(topic, 9, orderEvent('ord-0', 2, 'ORDER_PAID'));
    await produceTo(topic, 10, orderEvent('ord-0', 3, 'ORDER_COMPLETED'));
    await Promise.all([third.disconnect(), stuck.leave()]);
    const took = await appliedWithLagShown(terminal, 'ord-0', 3, 3_000);
    console.log(`field: partitions 6 → 12 during a rebalance; applied ${took} ms later`);
    expect(terminal.status().totalLag).toBe(0);
  });

  it('twice in a row, the second while the session that saw the first is ending', { timeout: 90_000 }, async () => {
    const config = testConfig(testBootstrap());
    await createTopics(testKafka(), config, 6);
    const topic = config.topics.orders;
    const terminal = start(config);
    await produceTo(topic, 2, placedOrder('ord-twice'));
    await waitFor('the order', () => terminal.order('ord-twice')?.appliedVersion === 1);
    await grow(topic, 9);
    await produceTo(topic, 7, orderEvent('ord-twice', 2, 'ORDER_PAID'));
    await terminal.logged('9 partitions (was 6); joining again');
    await grow(topic, 12);
    await produceTo(topic, 11, orderEvent('ord-twice', 3, 'ORDER_COMPLETED'));
    const took = await appliedWithLagShown(terminal, 'ord-twice', 3, 3_000);
    console.log(`field: partitions 6 → 9 → 12, the second while a session ended; applied ${took} ms later`);
    await waitFor('every partition in the status', () => terminal.status().lag.length === 12);
    expect(terminal.status().totalLag).toBe(0);
  });
});
