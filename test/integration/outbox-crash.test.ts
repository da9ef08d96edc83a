import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { MERCHANT_HEADER } from '../../shared/order-events';
import { createTopics, testConfig, waitForAsync } from '../support/core-harness';
import { testBootstrap, testKafka } from '../support/kafka';
import { readTopicWithKcat } from '../support/kcat';
import {
  grillAndFryOrder,
  inspectTerminal,
  kitchenEventsOf,
  produceOrders,
  sequencesByTerminalAndOrder,
} from '../support/kitchen-fixtures';
import { cookEveryTicket, TerminalProcess } from '../support/terminal-process';

const ORDERS = 30;

/** A loopback port nothing listens on: a broker address that refuses every connection. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (typeof address !== 'object' || address === null) throw new Error('no port');
  return address.port;
}

describe('outbox crash safety', () => {
  it(
    'a terminal SIGKILLed with a full outbox drains it after restart: every action once on the topic, in order, even those already sent',
    { timeout: 180_000 },
    async () => {
      const bootstrap = testBootstrap();
      const config = testConfig(bootstrap, {
        terminalId: 'grill-1',
        stations: ['grill'],
        kafka: { brokers: [bootstrap], sessionTimeoutMs: 2_000 },
      });
      const kafka = testKafka();
      await createTopics(kafka, config);
      const orders = Array.from({ length: ORDERS }, (_, i) => grillAndFryOrder(`ord-${i}`));
      await produceOrders(kafka, config.topics.orders, orders);

      // Online first, so the terminal knows the orders.
      let terminal = await TerminalProcess.start(config);
      await waitForAsync('the orders', async () => (await terminal.status()).counters['records.applied'] === ORDERS);
      await terminal.kill();

      // Then the network is gone; the cooks keep working.
      const offline = { ...config, kafka: { ...config.kafka, brokers: [`127.0.0.1:${await closedPort()}`] } };
      terminal = await TerminalProcess.start(offline);
      const taken = await cookEveryTicket(
        terminal,
        'grill-1',
        orders.map((order) => order.orderId),
      );
      const actions = ORDERS * 3;
      expect((await terminal.status()).outbox.pending).toBe(actions);
      await terminal.kill();

      // A publish whose acknowledgement was lost in the crash: the first third is on the topic already.
      const alreadySent = inspectTerminal(config, (db) => db.outbox.head(actions / 3));
      const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
      await producer.connect();
      await producer.send({
        topic: config.topics.kitchenEvents,
        acks: -1,
        messages: alreadySent.map((entry) => ({ key: entry.orderId, value: entry.json, headers: { [MERCHANT_HEADER]: 'm-1' } })),
      });
      await producer.disconnect();

      const restartedAt = Date.now();
      terminal = await TerminalProcess.start(config);
      try {
        await waitForAsync('the outbox to drain', async () => (await terminal.status()).outbox.pending === 0, 60_000);
        console.log(`outbox crash: ${actions} actions drained ${Date.now() - restartedAt} ms after the restart`);
      } finally {
        await terminal.kill();
      }

      const onTopic = kitchenEventsOf(await readTopicWithKcat(bootstrap, config.topics.kitchenEvents));
      const ids = onTopic.map((event) => event.eventId);
      expect(ids).toHaveLength(actions);
      expect(new Set(ids).size).toBe(actions);
      expect(sequencesByTerminalAndOrder(onTopic)).toEqual(taken);
    },
  );
});
