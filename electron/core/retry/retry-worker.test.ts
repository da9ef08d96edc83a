import { afterEach, describe, expect, it } from 'vitest';
import { orderEvent, orderSnapshot, placedOrder } from '../../../test/support/events';
import { ManualClock } from '../../../test/support/manual-clock';
import { OrderDetailServer } from '../../../test/support/order-detail-server';
import { tempStorage } from '../../../test/support/temp-storage';
import { OrderDetailClient } from '../enrich/order-detail-client';
import { sequenceEvent } from '../ingest/sequencer';
import type { Storage } from '../store/storage';
import { RetryWorker } from './retry-worker';

const servers: OrderDetailServer[] = [];
afterEach(async () => Promise.all(servers.splice(0).map((server) => server.stop())));

function workerFor(storage: Storage, clock: ManualClock, client?: OrderDetailClient, maxAttempts = 3) {
  const errors: string[] = [];
  const worker = new RetryWorker(storage, {
    client,
    maxAttempts,
    baseDelayMs: 1_000,
    maxDelayMs: 10_000,
    gapTimeoutMs: 30_000,
    log: () => undefined,
    onError: (_name, error) => errors.push(error.message),
    clock,
    random: () => 1,
  });
  return { worker, errors };
}

const sequence = (storage: Storage, event: Parameters<typeof sequenceEvent>[1], now: number, canEnrich = true) =>
  storage.transact((tx) => sequenceEvent(tx, event, { canEnrich, now }));

describe('retry worker tick(now) (real SQLite file, real local HTTP API, injected clock)', () => {
  it('a gap times out exactly at the gap timeout; without an API the parked events apply, flagged', () => {
    const storage = tempStorage();
    const clock = new ManualClock();
    const t0 = clock.now();
    sequence(storage, placedOrder('o1'), t0, false);
    sequence(storage, orderEvent('o1', 3, 'ORDER_PAID'), t0, false);
    const { worker } = workerFor(storage, clock);
    worker.tick(t0 + 29_999);
    expect(storage.orders.get('o1')?.appliedVersion).toBe(1);
    worker.tick(t0 + 30_000);
    expect(storage.orders.get('o1')).toMatchObject({ appliedVersion: 3, paid: true, possiblyIncomplete: true });
  });

  it('enrichment that fails is retried after its backoff, not before, and then applies the order and what queued behind it', async () => {
    const api = await OrderDetailServer.start();
    servers.push(api);
    api.script('o1', [{ status: 503 }, { status: 200, body: { version: 1, order: orderSnapshot({ displayNumber: 'E1' }) } }]);
    const storage = tempStorage();
    const clock = new ManualClock();
    const t0 = clock.now();
    sequence(storage, orderEvent('o1', 1, 'ORDER_PLACED'), t0);
    sequence(storage, orderEvent('o1', 2, 'ORDER_PAID'), t0);
    const { worker } = workerFor(storage, clock, new OrderDetailClient(api.url, 2_000));

    worker.tick(t0);
    await worker.idle();
    expect(api.calls.get('o1')).toBe(1);
    const [head] = storage.queue.dueHeads(Infinity, 1);
    expect(head).toMatchObject({ attempts: 1, nextAttemptAt: t0 + 1_000, lastError: 'order-detail API answered HTTP 503' });

    worker.tick(t0 + 999);
    await worker.idle();
    expect(api.calls.get('o1')).toBe(1);
    worker.tick(t0 + 1_000);
    await worker.idle();
    expect(storage.orders.get('o1')).toMatchObject({ appliedVersion: 1, snapshot: { displayNumber: 'E1' } });
    // The paid event queued behind it is now due at once.
    worker.tick(t0 + 1_000);
    await worker.idle();
    expect(storage.orders.get('o1')).toMatchObject({ appliedVersion: 2, paid: true });
    expect(storage.queue.depth()).toBe(0);
  });

  it('after the attempt limit the work is dead-lettered, the order carries an alert, and the next queued event is released', async () => {
    const api = await OrderDetailServer.start();
    servers.push(api);
    api.script('o1', [{ status: 500 }]);
    const storage = tempStorage();
    const clock = new ManualClock();
    const t0 = clock.now();
    sequence(storage, placedOrder('o1'), t0);
    sequence(storage, orderEvent('o1', 2, 'ORDER_UPDATED'), t0);
    sequence(storage, orderEvent('o1', 3, 'ORDER_PAID'), t0);
    const { worker } = workerFor(storage, clock, new OrderDetailClient(api.url, 2_000), 2);
    worker.tick(t0);
    await worker.idle();
    worker.tick(t0 + 1_000);
    await worker.idle();
    expect(storage.deadLetters.recent(1)).toMatchObject([{ reason: 'RETRIES_EXHAUSTED', order_id: 'o1', event_id: 'o1-v2-ORDER_UPDATED' }]);
    expect(storage.orders.get('o1')?.alert).toContain('order-detail API answered HTTP 500');
    worker.tick(t0 + 1_000);
    await worker.idle();
    // Version 2 never applied, so the paid event now waits behind that gap (resolved at the gap timeout).
    expect(storage.queue.depth()).toBe(0);
    expect(storage.parked.of('o1').map((event) => event.version)).toEqual([3]);
    expect(storage.orders.get('o1')?.appliedVersion).toBe(1);
  });

  it('sleeps until the next entry is due instead of polling, and wakes when told', async () => {
    const storage = tempStorage();
    const clock = new ManualClock();
    const { worker } = workerFor(storage, clock);
    let passes = 0;
    const dueHeads = storage.queue.dueHeads.bind(storage.queue);
    storage.queue.dueHeads = (now, limit) => {
      passes += 1;
      return dueHeads(now, limit);
    };
    worker.start();
    await clock.advance(0);
    expect(passes).toBe(1);
    // Nothing queued: the next pass is the safety net's, 5 s later — not one every 100 ms.
    await clock.advance(4_999);
    expect(passes).toBe(1);
    await clock.advance(1);
    expect(passes).toBe(2);
    // An entry due in 3 s: exactly then.
    storage.transact((tx) => tx.queue.enqueue('o-later', 'ENRICH', null, clock.now() + 3_000));
    worker.wake();
    await clock.advance(0);
    expect(passes).toBe(3);
    await clock.advance(2_999);
    expect(passes).toBe(3);
    await clock.advance(1);
    // Its pass, and the one its attempt's end asks for.
    expect(passes).toBeGreaterThanOrEqual(4);
    await worker.stop();
  });

  it('a pass that throws (a database error) is reported and the loop carries on', async () => {
    const storage = tempStorage();
    const clock = new ManualClock();
    const { worker, errors } = workerFor(storage, clock);
    worker.start();
    await clock.advance(0);
    storage.close();
    // Something was written (the terminal wakes the worker on every change): the next pass throws.
    worker.wake();
    await clock.advance(0);
    expect(errors.length).toBeGreaterThan(0);
    expect(errors[0]).toMatch(/database connection is not open/);
    await clock.advance(10_000);
    expect(errors.length).toBeGreaterThan(1);
    await worker.stop();
  });
});
