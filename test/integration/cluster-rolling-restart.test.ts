import { Kafka, logLevel } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { startTerminal } from '../../electron/core/app/terminal';
import { Storage } from '../../electron/core/store/storage';
import { LocalCluster } from '../../scripts/kafka/local-cluster';
import { simulateStream, type SimRecord } from '../../scripts/simulator/order-simulator';
import { produceRecords } from '../../scripts/simulator/produce';
import { expectedOrders } from '../../scripts/torture/oracle';
import { createTopics, testConfig, waitFor } from '../support/core-harness';
import { readTopicWithKcat } from '../support/kcat';
import { kitchenEventsOf } from '../support/kitchen-fixtures';

describe('a three-broker cluster (replication 3, min in-sync 2) restarted broker by broker during a rush', () => {
  it('never shows the kitchen offline, and no order event or cook action is lost or doubled', { timeout: 420_000 }, async () => {
    const cluster = await LocalCluster.create(3);
    await cluster.start();
    try {
      const config = testConfig(cluster.brokers[0] as string, { kafka: { brokers: cluster.brokers, sessionTimeoutMs: 6_000 } });
      const kafka = new Kafka({ brokers: cluster.brokers, clientId: 'rush', logLevel: logLevel.NOTHING });
      await createTopics(kafka, config, 3, 3);
      const terminal = startTerminal(config, { log: () => undefined });
      try {
        await waitFor('online', () => terminal.status().connection.state === 'online', 60_000);
        const states = new Set<string>();
        const offlineDetails = new Set<string>();
        const watch = setInterval(() => {
          const connection = terminal.status().connection;
          states.add(connection.state);
          if (connection.state === 'offline') offlineDetails.add(connection.detail ?? '');
        }, 50);

        // The rush: orders keep arriving and cooks keep bumping while the brokers restart one by one.
        // Arrivals only: the tickets stay on screen for the cooks (payment and completion come after the rush).
        const records = simulateStream({ merchants: ['m-1', 'm-2'], ordersPerMerchant: 400, seed: 5, faults: { duplicate: 0.05 } }).filter(
          (record) => record.event?.type === 'ORDER_PLACED' || record.event?.type === 'ORDER_UPDATED',
        );
        const sent: SimRecord[] = [];
        let rushing = true;
        const rush = (async () => {
          for (let at = 0; at < records.length && rushing; at += 40) {
            const slice = records.slice(at, at + 40);
            await produceRecords(kafka, config.topics.orders, slice, { batchSize: 40 });
            sent.push(...slice);
            await new Promise((resolve) => setTimeout(resolve, 150));
          }
        })();
        let bumps = 0;
        const cooks = setInterval(() => {
          void (async () => {
            const snapshot = await terminal.api.snapshot(undefined);
            const ticket = snapshot.ok ? snapshot.value.tickets.find((t) => t.status !== 'VOID') : undefined;
            if (ticket && (await terminal.api.execute({ type: 'BUMP', orderId: ticket.orderId })).ok) bumps += 1;
          })();
        }, 200);

        for (let node = 0; node < 3; node += 1) await cluster.restart(node);
        rushing = false;
        await rush;
        clearInterval(cooks);
        const consumed = (): number => terminal.status().lag.reduce((sum, p) => sum + Number(p.nextOffset ?? 0), 0);
        await waitFor('every order event', () => consumed() >= sent.length && terminal.status().outbox.pending === 0, 120_000);
        clearInterval(watch);

        const expected = expectedOrders(sent, 'm-1');
        const store = Storage.openReadOnly(config.dataDir);
        let mismatched = 0;
        for (const [orderId, want] of expected) {
          const got = store.orders.get(orderId);
          if (!got || got.appliedVersion !== want.version || got.eventsApplied !== want.eventsApplied || got.status !== want.status)
            mismatched += 1;
        }
        store.close();
        const published = kitchenEventsOf(await readTopicWithKcat(cluster.brokers[0] as string, config.topics.kitchenEvents));
        const bumpEvents = published.filter((event) => event.type === 'TICKET_BUMPED');
        console.log(
          `rolling restart: 3 brokers restarted, ${sent.length} order events, ${expected.size} orders, ${bumps} bumps, connection states seen: ${[...states].join(', ')} ${[...offlineDetails].join(' | ')}`,
        );
        expect(mismatched).toBe(0);
        expect(bumpEvents.length).toBe(bumps);
        expect(new Set(published.map((event) => event.eventId)).size).toBe(published.length);
        expect(states.has('offline')).toBe(false);
      } finally {
        await terminal.stop();
      }
    } finally {
      await cluster.destroy();
    }
  });
});
