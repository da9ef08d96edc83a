import { afterEach, describe, expect, it } from 'vitest';
import type { OrderEvent, OrderSnapshot } from '../../shared/order-events';
import type { SimRecord } from '../../scripts/simulator/order-simulator';
import { produceRecords } from '../../scripts/simulator/produce';
import { createTopics, testConfig, waitFor } from '../support/core-harness';
import { waitUntilDrained } from '../support/core-harness-wait';
import { testBootstrap, testKafka } from '../support/kafka';
import { orderEvent, orderRecord } from '../support/events';
import { OrderDetailServer } from '../support/order-detail-server';
import { startObserved } from '../support/terminal-observer';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
});

const snapshotV = (name: string): OrderSnapshot => ({
  displayNumber: 'B7',
  channel: 'TAKEOUT',
  customerName: 'Ana',
  priority: 'RUSH',
  items: [{ lineId: 'l1', name, quantity: 1, station: 'fry', course: 1, modifiers: [], notes: '', allergens: [] }],
});

/** An order event as a record; its id is "<order>-<version>" (the dead letter below names it). */
function event(orderId: string, version: number, type: OrderEvent['type'], order?: OrderSnapshot): SimRecord {
  return orderRecord(orderEvent(orderId, version, type, { eventId: `${orderId}-${version}`, ...(order ? { order } : {}) }));
}

async function setup(overrides: Parameters<typeof testConfig>[1] = {}) {
  const api = await OrderDetailServer.start();
  const config = testConfig(testBootstrap(), { orderDetailUrl: api.url, ...overrides });
  const kafka = testKafka();
  await createTopics(kafka, config);
  const core = startObserved(config);
  cleanups.push(async () => {
    await core.stop();
    await api.stop();
  });
  return { api, core, send: (records: SimRecord[]) => produceRecords(kafka, config.topics.orders, records) };
}

describe('ingest: order-detail enrichment and the retry queue', () => {
  it('a thin event whose enrichment fails N times then succeeds is applied, and the events behind it follow in order', async () => {
    const { api, core, send } = await setup();
    api.script('ord-t', [
      { status: 500 },
      { status: 503 },
      { status: 404 },
      { status: 200, body: { version: 1, order: snapshotV('Fries') } },
    ]);
    await send([event('ord-t', 1, 'ORDER_PLACED'), event('ord-t', 2, 'ORDER_PAID'), event('ord-t', 3, 'ORDER_COMPLETED')]);
    const order = await waitFor(
      'enrichment to succeed',
      () => (core.order('ord-t')?.appliedVersion === 3 ? core.order('ord-t') : undefined),
      30_000,
    );
    expect(order).toMatchObject({ status: 'COMPLETED', paid: true, eventsApplied: 3, possiblyIncomplete: false });
    expect(order.snapshot?.items[0]?.name).toBe('Fries');
    expect(api.calls.get('ord-t')).toBe(4);
    expect(core.status().retryDepth).toBe(0);
  });

  it('replica lag: a 404 and then an older version are retried until the right version arrives', async () => {
    const { api, core, send } = await setup();
    await send([event('ord-u', 1, 'ORDER_PLACED', snapshotV('Old'))]);
    await waitFor('v1', () => core.order('ord-u')?.appliedVersion === 1);
    api.script('ord-u', [
      { status: 404 },
      { status: 200, body: { version: 1, order: snapshotV('Old') } },
      { status: 200, body: { version: 2, order: snapshotV('New') } },
    ]);
    await send([event('ord-u', 2, 'ORDER_UPDATED')]);
    const order = await waitFor('v2', () => (core.order('ord-u')?.appliedVersion === 2 ? core.order('ord-u') : undefined));
    expect(order.snapshot?.items[0]?.name).toBe('New');
    expect(order.previousSnapshot?.items[0]?.name).toBe('Old');
    expect(api.calls.get('ord-u')).toBe(3);
  });

  it('enrichment failing forever is dead-lettered after the attempt limit with an alert, while other orders keep flowing', async () => {
    // Attempts 2..5 wait at least 0.2 + 0.4 + 0.8 + 0.8 s: time enough to see the healthy order pass it.
    const { api, core, send } = await setup({ retry: { maxAttempts: 5, baseDelayMs: 400, maxDelayMs: 1_600 } });
    api.script('ord-bad', [{ status: 500 }]);
    await send([event('ord-bad', 1, 'ORDER_PLACED'), event('ord-bad', 2, 'ORDER_PAID')]);
    // The broken order is in the retry queue before the healthy one is sent (they may sit on different partitions).
    await waitFor('the broken order to be retried', () => core.status().retryDepth > 0, 20_000);
    await send([event('ord-ok', 1, 'ORDER_PLACED', snapshotV('Wings')), event('ord-ok', 2, 'ORDER_PAID')]);
    // The healthy order is applied while the broken one is still being retried.
    await waitFor('the healthy order', () => core.order('ord-ok')?.appliedVersion === 2, 20_000);
    expect(core.status().deadLetters).toBe(0);
    expect(core.status().retryDepth).toBeGreaterThan(0);

    await waitFor('the dead letter', () => core.status().deadLetters === 1, 20_000);
    const [letter] = core.read((db) => db.deadLetters.recent());
    expect(letter).toMatchObject({ reason: 'RETRIES_EXHAUSTED', order_id: 'ord-bad', event_id: 'ord-bad-1' });
    expect(letter?.detail).toContain('after 5 attempts');
    expect(api.calls.get('ord-bad')).toBe(5);
  });

  it('a gap timeout with an order-detail API takes the authoritative snapshot (after replica lag) instead of flagging', async () => {
    const { api, core, send } = await setup({ gapTimeoutMs: 500 });
    api.script('ord-g', [
      { status: 404 },
      { status: 200, body: { version: 1, order: snapshotV('Stale') } },
      { status: 200, body: { version: 2, order: snapshotV('Truth') } },
    ]);
    await send([
      event('ord-g', 1, 'ORDER_PLACED', snapshotV('First')),
      event('ord-g', 3, 'ORDER_PAID'),
      event('ord-g', 4, 'ORDER_COMPLETED'),
    ]);
    const order = await waitFor(
      'gap resolution',
      () => (core.order('ord-g')?.appliedVersion === 4 ? core.order('ord-g') : undefined),
      20_000,
    );
    expect(order).toMatchObject({ status: 'COMPLETED', paid: true, possiblyIncomplete: false });
    expect(order.snapshot?.items[0]?.name).toBe('Truth');
    expect(api.calls.get('ord-g')).toBe(3);
    await waitUntilDrained(core, 3);
  });
});
