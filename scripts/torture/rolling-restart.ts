import { Kafka, logLevel } from 'kafkajs';
import { startTerminal } from '../../electron/core/app/terminal';
import { Storage } from '../../electron/core/store/storage';
import type { KdsConfig } from '../../shared/config';
import { readTopicWithKcat } from '../../test/support/kcat';
import { kitchenEventsOf } from '../../test/support/kitchen-fixtures';
import { LocalCluster } from '../kafka/local-cluster';
import { simulateStream, type SimRecord } from '../simulator/order-simulator';
import { connectRecordProducer } from '../simulator/produce';
import { expectedOrders } from './oracle';
import { createTopicsReady } from '../kafka/create-topics';

export interface RollingRestartFigures {
  restarts: number;
  orderEvents: number;
  orders: number;
  mismatched: number;
  bumps: number;
  bumpsOnTopic: number;
  duplicateActions: number;
  /** Connection states the screen would have shown while the brokers restarted. */
  states: string[];
  offlineDetails: string[];
  /** Why cooks' taps were refused, with counts: a rush with no bump must say why. */
  refusals: string[];
  /** The order consumer's states (with their detail) while the brokers restarted. */
  consumerStates: string[];
  /** The terminal's last log lines, to read when a figure is off. */
  lastLog: string[];
}

/** How many records the topic holds, as a fresh client finds its partitions' ends: the truth to set the producer's and the terminal's counts against. */
async function recordsInTopic(kafka: Kafka, topic: string): Promise<number> {
  const admin = kafka.admin();
  try {
    await admin.connect();
    return (await admin.fetchTopicOffsets(topic)).reduce((sum, log) => sum + Number(log.high) - Number(log.low), 0);
  } finally {
    await admin.disconnect();
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A three-node cluster (replication 3, min in-sync 2) restarted node by node — a planned rolling
 * restart — while orders arrive and cooks bump tickets on a terminal configured with all three.
 * `configFor` gives the terminal's configuration for the cluster's broker list.
 */
export async function rollingRestartDuringRush(
  configFor: (brokers: string[]) => KdsConfig,
  ordersPerMerchant = 400,
): Promise<RollingRestartFigures> {
  const cluster = await LocalCluster.create(3);
  await cluster.start();
  try {
    const config = configFor(cluster.brokers);
    // A platform's producer keeps trying through a restart longer than kafkajs' default five retries.
    const kafka = new Kafka({ brokers: cluster.brokers, clientId: 'rush', logLevel: logLevel.NOTHING, retry: { retries: 10 } });
    const admin = kafka.admin();
    await admin.connect();
    // kafkajs' waitForLeaders gives up on a fresh topic's brief "unknown topic" answer (it failed a full run here).
    await createTopicsReady(
      admin,
      [config.topics.orders, config.topics.kitchenEvents].map((topic) => ({ topic, numPartitions: 3, replicationFactor: 3 })),
    );
    await admin.disconnect();
    await cluster.untilAllInSync();
    const lastLog: string[] = [];
    const seen = new Map<string, number>();
    const log = (level: string, message: string) => {
      // A retried failure repeats: the first time and the count say more than a screenful of it.
      const count = (seen.get(message) ?? 0) + 1;
      seen.set(message, count);
      if (count === 1) lastLog.push(`${new Date().toISOString().slice(11, 23)} ${level} ${message}`);
      if (lastLog.length > 60) lastLog.shift();
    };
    const terminal = startTerminal(config, { log });
    // Cleared before the terminal stops, even on a failure: a timer reading status after stop throws.
    const timers: NodeJS.Timeout[] = [];
    try {
      while (terminal.status().connection.state !== 'online') await sleep(50);
      const states = new Set<string>();
      const offlineDetails = new Set<string>();
      const consumerStates = new Set<string>();
      const watch = setInterval(() => {
        const { connection, consumer } = terminal.status();
        consumerStates.add(consumer.detail ? `${consumer.state} (${consumer.detail})` : consumer.state);
        states.add(connection.state);
        if (connection.state === 'offline') offlineDetails.add(connection.detail ?? '');
      }, 50);
      timers.push(watch);

      // Arrivals only: the tickets stay on screen for the cooks while the brokers restart.
      const records = simulateStream({ merchants: ['m-1', 'm-2'], ordersPerMerchant, seed: 5, faults: { duplicate: 0.05 } }).filter(
        (record) => record.event?.type === 'ORDER_PLACED' || record.event?.type === 'ORDER_UPDATED',
      );
      const sent: SimRecord[] = [];
      let rushing = true;
      // One producer for the whole rush, as a platform keeps: it got its producer id before any broker went.
      const producer = await connectRecordProducer(kafka);
      const rush = (async () => {
        try {
          for (let at = 0; at < records.length && rushing; at += 40) {
            const slice = records.slice(at, at + 40);
            await producer.send(config.topics.orders, slice);
            sent.push(...slice);
            await sleep(150);
          }
        } finally {
          await producer.disconnect();
        }
      })();
      // Awaited after the restarts: a failed send is the scenario's failure then, not an unhandled rejection meanwhile.
      rush.catch(() => undefined);
      let bumps = 0;
      const refusals = new Map<string, number>();
      const refused = (why: string) => refusals.set(why, (refusals.get(why) ?? 0) + 1);
      const cooks = setInterval(() => {
        void (async () => {
          const snapshot = await terminal.api.snapshot(undefined);
          if (!snapshot.ok) return refused(`snapshot: ${snapshot.error}`);
          const ticket = snapshot.value.tickets.find((t) => t.status !== 'VOID');
          if (!ticket) return refused('no ticket on screen');
          const result = await terminal.api.execute({ type: 'BUMP', orderId: ticket.orderId });
          if (result.ok) bumps += 1;
          else refused(`bump: ${result.error}`);
        })();
      }, 200);
      timers.push(cooks);

      // The kitchen is at work before the first broker goes: its consumer joined, a ticket on screen.
      // (Joining while the cluster restarts is slower, and would leave the cooks nothing to bump.)
      const joinDeadline = Date.now() + 60_000;
      while (bumps === 0) {
        if (Date.now() > joinDeadline) throw new Error(`no ticket could be bumped before the restart: ${[...refusals.keys()].join('; ')}`);
        await sleep(50);
      }
      for (let node = 0; node < cluster.nodes.length; node += 1) await cluster.restart(node);
      rushing = false;
      await rush;
      clearInterval(cooks);
      // Every record the producer was told was written is in the topic (kafkajs lost a partition's share of a send across a leader change until patched).
      const recordsInLog = await recordsInTopic(kafka, config.topics.orders);
      if (recordsInLog !== sent.length)
        throw new Error(`the cluster holds ${recordsInLog} of the ${sent.length} order events its producer was told were written`);
      const consumed = (): number => terminal.status().lag.reduce((sum, p) => sum + Number(p.nextOffset ?? 0), 0);
      const deadline = Date.now() + 120_000;
      while (consumed() < sent.length || terminal.status().outbox.pending > 0) {
        if (Date.now() > deadline) {
          throw new Error(
            `the terminal did not catch up after the rolling restart: ${consumed()} of ${sent.length} order events read, ${JSON.stringify({ ...terminal.status(), counters: undefined })}\n${lastLog.join('\n')}`,
          );
        }
        await sleep(50);
      }
      clearInterval(watch);

      const expected = expectedOrders(sent, config.merchantId);
      const store = Storage.openReadOnly(config.dataDir);
      let mismatched = 0;
      for (const [orderId, want] of expected) {
        const got = store.orders.get(orderId);
        if (!got || got.appliedVersion !== want.version || got.eventsApplied !== want.eventsApplied || got.status !== want.status)
          mismatched += 1;
      }
      store.close();
      const published = kitchenEventsOf(await readTopicWithKcat(cluster.brokers[0] as string, config.topics.kitchenEvents));
      return {
        restarts: cluster.nodes.length,
        orderEvents: sent.length,
        orders: expected.size,
        mismatched,
        bumps,
        bumpsOnTopic: published.filter((event) => event.type === 'TICKET_BUMPED').length,
        duplicateActions: published.length - new Set(published.map((event) => event.eventId)).size,
        states: [...states],
        offlineDetails: [...offlineDetails],
        refusals: [...refusals].map(([why, count]) => `${count} × ${why}`),
        consumerStates: [...consumerStates],
        lastLog,
      };
    } finally {
      for (const timer of timers) clearInterval(timer);
      await terminal.stop();
    }
  } finally {
    await cluster.destroy();
  }
}
