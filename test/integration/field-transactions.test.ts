import { describe, expect, it } from 'vitest';
import { MERCHANT_HEADER, type OrderEvent } from '../../shared/order-events';
import { createTopics, testConfig, waitFor } from '../support/core-harness';
import { orderEvent, placedOrder } from '../support/events';
import { testBootstrap, testKafka } from '../support/kafka';
import { startObserved } from '../support/terminal-observer';

/** Each order's events in one transaction, as an exactly-once pipeline (the order router, Kafka Streams) writes them. */
async function produceInTransactions(topic: string, orders: OrderEvent[][]): Promise<void> {
  const producer = testKafka().producer({ transactionalId: `platform-${topic}`, idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  try {
    for (const events of orders) {
      const transaction = await producer.transaction();
      await transaction.send({
        topic,
        messages: events.map((event) => ({
          key: event.orderId,
          value: JSON.stringify(event),
          headers: { [MERCHANT_HEADER]: event.merchantId },
        })),
      });
      await transaction.commit();
    }
  } finally {
    await producer.disconnect();
  }
}

describe('a transactional producer (exactly-once pipelines) in the field', () => {
  it(
    'commit markers take offsets and hold no record: the terminal moves past them — lag 0, and a restart re-reads nothing',
    { timeout: 120_000 },
    async () => {
      const config = testConfig(testBootstrap());
      await createTopics(testKafka(), config, 1);
      const orders = Array.from({ length: 5 }, (_, index) => [
        placedOrder(`ord-tx${index}`),
        orderEvent(`ord-tx${index}`, 2, 'ORDER_PAID'),
      ]);
      await produceInTransactions(config.topics.orders, orders);
      // 5 transactions of 2 records: 15 offsets, the last a commit marker.
      const first = startObserved(config);
      try {
        await waitFor(
          'every order paid',
          () => orders.every(([placed]) => first.order(placed?.orderId ?? '')?.appliedVersion === 2),
          30_000,
        );
        await waitFor('lag 0 at the end of the partition', () => first.status().totalLag === 0 || undefined, 15_000);
        expect(first.status().lag).toEqual([expect.objectContaining({ partition: 0, nextOffset: '15', highWatermark: '15', lag: 0 })]);
        // A transaction after the terminal caught up: its records arrive live and the marker is passed too.
        await produceInTransactions(config.topics.orders, [[placedOrder('ord-live')]]);
        await waitFor('the live order', () => first.order('ord-live') !== undefined, 15_000);
        await waitFor('lag 0 again', () => first.status().lag[0]?.nextOffset === '17' || undefined, 15_000);
      } finally {
        await first.stop();
      }
      const counters = first.read((storage) => storage.counters.all());
      const again = startObserved(config);
      try {
        await waitFor('running again', () => again.status().consumer.state === 'running' || undefined, 30_000);
        await waitFor('lag 0 after the restart', () => again.status().totalLag === 0 || undefined, 15_000);
        // The last record before the markers proved the log; nothing was applied or counted again, nothing flagged.
        expect(again.status().notices).toEqual([]);
        expect(again.read((storage) => storage.counters.all())).toEqual(counters);
      } finally {
        await again.stop();
      }
    },
  );
});
