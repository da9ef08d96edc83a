import { afterEach, describe, expect, it } from 'vitest';
import { MERCHANT_HEADER } from '../../shared/order-events';
import { createTopics, testConfig, waitFor } from '../support/core-harness';
import { testBootstrap, testKafka } from '../support/kafka';
import { snapshotOf } from '../support/kitchen-fixtures';
import { startObserved, type ObservedTerminal } from '../support/terminal-observer';

const running: ObservedTerminal[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((terminal) => terminal.stop()));
});

describe('events from a producer newer than the terminal (real broker)', () => {
  it('new enum values, new fields, longer texts and a new event type: the order is cooked, nothing is dead-lettered', async () => {
    const config = testConfig(testBootstrap());
    const kafka = testKafka();
    await createTopics(kafka, config, 1);
    const terminal = startObserved(config);
    running.push(terminal);
    const base = { orderId: 'ord-new', merchantId: 'm-1', occurredAt: new Date().toISOString(), schemaVersion: 7 };
    const events = [
      {
        ...base,
        eventId: 'n1',
        type: 'ORDER_PLACED',
        version: 1,
        order: {
          displayNumber: 'N1',
          channel: 'ROBOT_DELIVERY',
          priority: 'VIP',
          loyaltyTier: 'gold',
          items: [
            {
              lineId: 'l1',
              name: `Chef's tasting menu ${'with seasonal garnish '.repeat(20)}`,
              quantity: 1,
              station: 'pastry-lab',
              modifiers: Array.from({ length: 60 }, (_, i) => `note ${i}`),
              carbonGrams: 420,
            },
          ],
        },
      },
      { ...base, eventId: 'n2', type: 'ORDER_LOYALTY_POINTS_GRANTED', version: 2, points: 30 },
      { ...base, eventId: 'n3', type: 'ORDER_PAID', version: 3 },
    ];
    const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    await producer.send({
      topic: config.topics.orders,
      acks: -1,
      messages: events.map((e) => ({ key: e.orderId, value: JSON.stringify(e), headers: { [MERCHANT_HEADER]: 'm-1' } })),
    });
    await producer.disconnect();

    await waitFor('the order at its last version', () => terminal.order('ord-new')?.appliedVersion === 3, 30_000);
    const ticket = (await snapshotOf(terminal.terminal)).tickets.find((t) => t.orderId === 'ord-new');
    expect(ticket).toMatchObject({ channel: 'ROBOT_DELIVERY', priority: 'VIP', paid: true, modified: false });
    const [line] = ticket?.items ?? [];
    expect(line?.station).toBe('pastry-lab');
    expect(line?.name).toHaveLength(200);
    expect(line?.name.endsWith('…')).toBe(true);
    expect(line?.modifiers.at(-1)).toBe('+11 more');
    const status = terminal.status();
    expect(status.deadLetters).toBe(0);
    expect(status.counters['records.unknown-type']).toBe(1);
  });
});
