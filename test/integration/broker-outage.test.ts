import { describe, expect, it } from 'vitest';
import { Kafka, logLevel } from 'kafkajs';
import { startTerminal } from '../../electron/core/app/terminal';
import { simulateStream } from '../../scripts/simulator/order-simulator';
import { produceRecords } from '../../scripts/simulator/produce';
import { useOwnBroker } from '../support/own-broker';
import { createTopics, testConfig, waitFor } from '../support/core-harness';
import { waitUntilDrained } from '../support/core-harness-wait';
import { inspectTerminal } from '../support/kitchen-fixtures';
import { expectedOrders } from '../../scripts/torture/oracle';

// The broker is stopped and restarted here, so this file has its own.
const ownBroker = useOwnBroker();

describe('broker outage', () => {
  it(
    'the broker stopped for 20 s mid-stream: the status says offline within 10 s, the core reconnects by itself and loses nothing',
    { timeout: 180_000 },
    async () => {
      const broker = ownBroker();
      const config = testConfig(broker.bootstrap);
      const kafka = new Kafka({ brokers: [broker.bootstrap], clientId: 'outage-test', logLevel: logLevel.NOTHING });
      await createTopics(kafka, config);
      const records = simulateStream({ merchants: ['m-1'], ordersPerMerchant: 400, seed: 5, faults: { duplicate: 0.1, reorder: 0.1 } });
      const half = Math.floor(records.length / 2);
      await produceRecords(kafka, config.topics.orders, records.slice(0, half));

      const core = startTerminal(config, { log: () => undefined });
      try {
        await waitUntilDrained(core, half, 60_000, true);
        expect(core.status().connection.state).toBe('online');

        // Measured from the moment the broker is told to stop: a graceful stop itself takes seconds.
        const stoppedAt = Date.now();
        let offlineAt: number | undefined;
        const watcher = setInterval(() => {
          if (offlineAt === undefined && core.status().connection.state === 'offline') offlineAt = Date.now();
        }, 50);
        await broker.stop();
        await waitFor('offline status', () => offlineAt !== undefined, Math.max(0, 10_000 - (Date.now() - stoppedAt)));
        clearInterval(watcher);
        const offline = (offlineAt ?? Date.now()) - stoppedAt;
        expect(offline).toBeLessThan(10_000);
        console.log(`broker outage: offline shown ${offline} ms after the broker was told to stop`);
        expect(inspectTerminal(config, (db) => db.orders.allIds().length)).toBeGreaterThan(0);
        await new Promise((resolve) => setTimeout(resolve, Math.max(0, 20_000 - (Date.now() - stoppedAt))));

        await broker.start();
        const restartedAt = Date.now();
        await produceRecords(kafka, config.topics.orders, records.slice(half));
        await waitUntilDrained(core, records.length, 90_000);
        console.log(`broker outage: caught up ${Date.now() - restartedAt} ms after the broker returned`);
        await waitFor('online status', () => core.status().connection.state === 'online', 10_000);

        const expected = expectedOrders(records, 'm-1');
        const stored = new Map(inspectTerminal(config, (db) => db.orders.all()).map((o) => [o.orderId, o]));
        expect(stored.size).toBe(expected.size);
        for (const [orderId, want] of expected) {
          const got = stored.get(orderId);
          expect({ version: got?.appliedVersion, eventsApplied: got?.eventsApplied, status: got?.status }, orderId).toEqual({
            version: want.version,
            eventsApplied: want.eventsApplied,
            status: want.status,
          });
        }
      } finally {
        await core.stop();
      }
    },
  );
});
