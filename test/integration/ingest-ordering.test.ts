import { afterEach, describe, expect, it } from 'vitest';
import { MERCHANT_HEADER } from '../../shared/order-events';
import { simulateStream, type SimRecord } from '../../scripts/simulator/order-simulator';
import { produceRecords } from '../../scripts/simulator/produce';
import { consumerGroupId } from '../../electron/core/kafka/topic-consumer';
import { createTopics, testConfig, waitFor, waitForAsync } from '../support/core-harness';
import { waitUntilDrained } from '../support/core-harness-wait';
import { testBootstrap, testKafka } from '../support/kafka';
import { orderEvent as simple, orderRecord as record, placedOrder as placed } from '../support/events';
import { expectedOrders } from '../../scripts/torture/oracle';
import { startObserved, type ObservedTerminal } from '../support/terminal-observer';

const cores: ObservedTerminal[] = [];
afterEach(async () => {
  await Promise.all(cores.splice(0).map((core) => core.stop()));
});

async function startCore(
  overrides: Parameters<typeof testConfig>[1] = {},
): Promise<{ core: ObservedTerminal; send: (records: SimRecord[]) => Promise<void> }> {
  const config = testConfig(testBootstrap(), overrides);
  const kafka = testKafka();
  await createTopics(kafka, config);
  const core = startObserved(config);
  cores.push(core);
  return { core, send: (records) => produceRecords(kafka, config.topics.orders, records) };
}

describe('ingest: ordering and idempotence against a real broker', () => {
  it('reordered and duplicated events (same eventId, or same version with a new eventId) end exactly as the oracle says; other merchants are skipped', async () => {
    const { core, send } = await startCore();
    const records = simulateStream({
      merchants: ['m-1', 'm-2'],
      ordersPerMerchant: 150,
      seed: 7,
      faults: { reorder: 0.3, duplicate: 0.2, versionReplay: 0.2, noHeader: 0.1 },
    });
    await send(records);
    await waitUntilDrained(core, records.length);

    const expected = expectedOrders(records, 'm-1');
    const actual = new Map(core.orders().map((o) => [o.orderId, o]));
    expect(actual.size).toBe(150);
    expect([...actual.values()].every((o) => o.merchantId === 'm-1')).toBe(true);
    for (const [orderId, want] of expected) {
      const got = actual.get(orderId);
      expect(got, orderId).toBeDefined();
      expect(
        { version: got?.appliedVersion, status: got?.status, paid: got?.paid, snapshot: got?.snapshot, eventsApplied: got?.eventsApplied },
        orderId,
      ).toEqual(want);
    }
    const counters = core.status().counters;
    expect(counters['records.other-merchant']).toBe(records.filter((r) => r.event?.merchantId === 'm-2').length);
    expect(counters['records.duplicate'] ?? 0).toBeGreaterThan(0);
    expect(counters['records.stale'] ?? 0).toBeGreaterThan(0);
    expect(core.status().deadLetters).toBe(0);
  });

  it('commits the applied positions to Kafka on a timer, for the platform’s lag monitoring', async () => {
    const { core, send } = await startCore();
    const records = simulateStream({ merchants: ['m-1'], ordersPerMerchant: 40, seed: 5 });
    await send(records);
    await waitUntilDrained(core, records.length);
    const applied = core.read((storage) => storage.offsets.all(core.config.topics.orders));
    const admin = testKafka().admin();
    await admin.connect();
    try {
      const committed = await waitForAsync('Kafka’s committed offsets to reach the applied ones', async () => {
        const [topic] = await admin.fetchOffsets({ groupId: consumerGroupId(core.config), topics: [core.config.topics.orders] });
        const offsets = new Map(topic?.partitions.map((p) => [p.partition, p.offset]));
        return applied.every((a) => offsets.get(a.partition) === a.nextOffset) ? offsets : undefined;
      });
      expect(committed.size).toBe(3);
    } finally {
      await admin.disconnect();
    }
  });

  it('skips other merchants from the header without parsing the value', async () => {
    const { core, send } = await startCore();
    await send([{ key: 'x', value: '{ not json at all', headers: { [MERCHANT_HEADER]: 'm-2' } }, record(placed('ord-1'))]);
    await waitUntilDrained(core, 2);
    expect(core.status().deadLetters).toBe(0);
    expect(core.status().counters['records.other-merchant']).toBe(1);
    expect(core.order('ord-1')?.appliedVersion).toBe(1);
  });

  it('a cancel applies at once across a gap, and the older event arriving later is stale', async () => {
    const { core, send } = await startCore();
    await send([record(placed('ord-c')), record(simple('ord-c', 3, 'ORDER_CANCELLED', { reason: 'customer request' }))]);
    await waitUntilDrained(core, 2);
    expect(core.order('ord-c')).toMatchObject({ status: 'CANCELLED', appliedVersion: 3, cancelReason: 'customer request' });

    await send([record(simple('ord-c', 2, 'ORDER_PAID'))]);
    await waitUntilDrained(core, 3);
    expect(core.order('ord-c')).toMatchObject({ status: 'CANCELLED', appliedVersion: 3, paid: false, eventsApplied: 2 });
    expect(core.status().counters['records.stale']).toBe(1);
  });

  it('a gap parks later events durably; without an order-detail API the gap timeout applies them and flags the order', async () => {
    const { core, send } = await startCore({ gapTimeoutMs: 1_500 });
    await send([record(placed('ord-g')), record(simple('ord-g', 3, 'ORDER_COMPLETED'))]);
    await waitUntilDrained(core, 2, 30_000, true);
    expect(core.status().parked).toBe(1);
    expect(core.order('ord-g')).toMatchObject({ appliedVersion: 1, possiblyIncomplete: false });

    const order = await waitFor(
      'the gap timeout',
      () => (core.order('ord-g')?.appliedVersion === 3 ? core.order('ord-g') : undefined),
      15_000,
    );
    expect(order).toMatchObject({ status: 'COMPLETED', possiblyIncomplete: true });
    expect(core.status().parked).toBe(0);
  });

  it('a gap filled before the timeout drains the parked successors in order', async () => {
    const { core, send } = await startCore();
    await send([record(placed('ord-f')), record(simple('ord-f', 4, 'ORDER_COMPLETED')), record(simple('ord-f', 3, 'ORDER_PAID'))]);
    await waitUntilDrained(core, 3, 30_000, true);
    expect(core.order('ord-f')?.appliedVersion).toBe(1);
    expect(core.status().parked).toBe(2);
    await send([record(simple('ord-f', 2, 'ORDER_UPDATED', { order: placed('x').order }))]);
    await waitUntilDrained(core, 4);
    expect(core.order('ord-f')).toMatchObject({
      appliedVersion: 4,
      status: 'COMPLETED',
      paid: true,
      eventsApplied: 4,
      possiblyIncomplete: false,
    });
  });
});
