import { Kafka, logLevel } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import type { Terminal } from '../../electron/core/app/terminal';
import { dispatchRequest } from '../../electron/core/app/api-dispatch';
import { MERCHANT_HEADER, type OrderEvent } from '../../shared/order-events';
import type { AuditTimeline } from '../../shared/reports';
import { createTopics, testConfig, waitForAsync } from '../support/core-harness';
import { act, grillAndFryOrder, snapshotOf, startTestTerminal } from '../support/kitchen-fixtures';
import { useOwnBroker } from '../support/own-broker';

// The broker is stopped and restarted here, so this file has its own.
const ownBroker = useOwnBroker();

async function timelineOf(terminal: Terminal, orderId: string): Promise<AuditTimeline> {
  const result = await dispatchRequest(terminal.api, 'auditTimeline', { orderId });
  if (!result.ok) throw new Error(result.error);
  return result.value as AuditTimeline;
}

/** Kitchen events from one terminal are stamped to the millisecond: the next action waits for the clock to move. */
async function nextMillisecond(): Promise<void> {
  const now = Date.now();
  while (Date.now() === now) await new Promise((resolve) => setImmediate(resolve));
}

async function afterLatestEntry(terminal: Terminal): Promise<void> {
  const latest = Math.max(...(await timelineOf(terminal, 'ord-a1')).entries.map((entry) => Date.parse(entry.at)));
  while (Date.now() <= latest) await nextMillisecond();
}

describe('audit trail', () => {
  it(
    'the timeline of an order touched by grill and expo, offline for part of the time, is complete and in order on both terminals',
    { timeout: 180_000 },
    async () => {
      const broker = ownBroker();
      const grillConfig = testConfig(broker.bootstrap, { terminalId: 'grill-1', stations: ['grill'] });
      const expoConfig = testConfig(broker.bootstrap, { env: grillConfig.env, terminalId: 'expo-1' });
      const kafka = new Kafka({ brokers: [broker.bootstrap], clientId: 'audit-test', logLevel: logLevel.NOTHING });
      await createTopics(kafka, grillConfig);
      const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
      const placed = grillAndFryOrder('ord-a1');
      const produce = async (event: OrderEvent) => {
        await producer.connect();
        const [sent] = await producer.send({
          topic: grillConfig.topics.orders,
          acks: -1,
          messages: [{ key: event.orderId, value: JSON.stringify(event), headers: { [MERCHANT_HEADER]: event.merchantId } }],
        });
        await producer.disconnect();
        if (!sent?.baseOffset) throw new Error('no offset');
        return `partition ${sent.partition}, offset ${sent.baseOffset}`;
      };
      const placedAt = await produce(placed);
      const grill = startTestTerminal(grillConfig);
      const expo = startTestTerminal(expoConfig);
      try {
        await waitForAsync('both screens to show the order', async () =>
          (await Promise.all([grill, expo].map(snapshotOf))).every((snapshot) => snapshot.tickets.length === 1),
        );
        await act(grill, { type: 'START', orderId: 'ord-a1' });
        await waitForAsync('expo to see the start', async () =>
          (await timelineOf(expo, 'ord-a1')).entries.some((e) => e.kind === 'TICKET_STARTED'),
        );

        // Both terminals lose the broker; the cooks keep working.
        await broker.stop();
        await nextMillisecond();
        await act(expo, { type: 'ITEM_DONE', orderId: 'ord-a1', lineId: 'l2' });
        await nextMillisecond();
        await act(grill, { type: 'ITEM_DONE', orderId: 'ord-a1', lineId: 'l1' });
        await nextMillisecond();
        await act(grill, { type: 'BUMP', orderId: 'ord-a1' });
        await broker.start();

        const paidAt = await produce({
          ...placed,
          eventId: 'ord-a1-2',
          type: 'ORDER_PAID',
          version: 2,
          occurredAt: new Date().toISOString(),
        });
        await waitForAsync('expo to have the payment', async () =>
          (await timelineOf(expo, 'ord-a1')).entries.some((e) => e.label === 'paid (v2)'),
        );
        await nextMillisecond();
        await act(expo, { type: 'BUMP', orderId: 'ord-a1' });
        await nextMillisecond();
        await act(expo, { type: 'RECALL_LAST' });
        await nextMillisecond();
        await act(expo, { type: 'BUMP', orderId: 'ord-a1' });
        // An action is stamped after the newest one known (it may run a millisecond ahead of the clock): the platform's next event comes after it.
        await afterLatestEntry(expo);
        const completedAt = await produce({
          ...placed,
          eventId: 'ord-a1-3',
          type: 'ORDER_COMPLETED',
          version: 3,
          occurredAt: new Date().toISOString(),
        });

        const expected = [
          ['RECEIVED', 'placed (v1)', null],
          ['SHOWN', 'shown on this screen', 'self'],
          ['TICKET_STARTED', 'started', 'grill-1'],
          ['ITEM_DONE', 'item done: 1× Fries', 'expo-1'],
          ['ITEM_DONE', 'item done: 2× Cheeseburger', 'grill-1'],
          ['TICKET_BUMPED', 'bumped', 'grill-1'],
          ['RECEIVED', 'paid (v2)', null],
          ['TICKET_BUMPED', 'bumped', 'expo-1'],
          ['ORDER_READY', 'platform told: ready', 'expo-1'],
          ['TICKET_RECALLED', 'recalled', 'expo-1'],
          ['TICKET_BUMPED', 'bumped', 'expo-1'],
          ['RECEIVED', 'completed (v3)', null],
        ];
        for (const terminal of [expo, grill]) {
          const self = terminal.config.terminalId;
          await waitForAsync(
            `${self} to have every entry`,
            async () => (await timelineOf(terminal, 'ord-a1')).entries.length >= expected.length,
          );
          const { order, entries } = await timelineOf(terminal, 'ord-a1');
          expect(order.displayNumber).toBe('ORD-A1');
          expect(entries.map((e) => [e.kind, e.label, e.terminalId])).toEqual(
            expected.map(([kind, label, who]) => [kind, label, who === 'self' ? self : who]),
          );
          const times = entries.map((e) => Date.parse(e.at));
          expect(times).toEqual([...times].sort((a, b) => a - b));
          const receipts = entries.filter((e) => e.kind === 'RECEIVED').map((e) => e.detail);
          expect(receipts).toEqual([placedAt, paidAt, completedAt].map((place) => `${grillConfig.topics.orders} ${place}`));
          expect(entries.find((e) => e.kind === 'TICKET_BUMPED')?.station).toBe('grill');
        }
        // Found by its display number (they repeat day to day, so the answer is a list).
        const found = await dispatchRequest(expo.api, 'auditSearch', { query: 'ORD-A1' });
        expect(found.ok && found.value).toEqual([expect.objectContaining({ orderId: 'ord-a1', status: 'COMPLETED' })]);
        const unknown = await dispatchRequest(expo.api, 'auditTimeline', { orderId: 'nope' });
        expect(unknown).toEqual({ ok: false, error: expect.stringContaining('no order nope') });
      } finally {
        await Promise.all([grill.stop(), expo.stop()]);
      }
    },
  );
});
