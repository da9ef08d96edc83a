import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { TicketDelta } from '../../../shared/app-api';
import { orderEvent, orderSnapshot, placedOrder } from '../../../test/support/events';
import { ManualClock } from '../../../test/support/manual-clock';
import { applyEvent } from '../ingest/apply-event';
import { KitchenActions } from '../kitchen/kitchen-actions';
import { Storage } from '../store/storage';
import { LIVE_GAP_MS, TicketStream } from './ticket-stream';

function setup(clock = new ManualClock(Date.parse('2026-11-22T12:05:00.000Z'))) {
  const storage = Storage.open(mkdtempSync(join(tmpdir(), 'kds-stream-')));
  const stream = new TicketStream(storage, { coalesceMs: 50, clock });
  storage.feed.subscribe((change) => stream.invalidate([...change.orders, ...change.kitchen]));
  const deltas: TicketDelta[] = [];
  stream.subscribe((delta) => deltas.push(delta));
  const actions = new KitchenActions(storage, { merchantId: 'm-1', terminalId: 'expo-1', stations: [] }, () => clock.now());
  const place = (orderId: string, extra = {}) =>
    storage.transact((tx) => {
      tx.orders.save(applyEvent(undefined, placedOrder(orderId, extra)));
      tx.changes.order(orderId);
    });
  return { storage, stream, deltas, actions, clock, place };
}

describe('ticket stream (real SQLite file, injected clock)', () => {
  it('a lone change leaves at once, live changes within a frame of the last delta; after a burst, one delta per coalescing window', async () => {
    const { stream, deltas, clock, place } = setup();
    await clock.advance(0); // the stream's first pass, at start
    place('first');
    await clock.advance(0);
    expect(deltas.map((d) => d.upserts.length)).toEqual([1]);
    // Live traffic: the next change waits at most a display frame after the last delta.
    await clock.advance(5);
    place('second');
    await clock.advance(LIVE_GAP_MS - 6);
    expect(deltas).toHaveLength(1);
    await clock.advance(1);
    expect(deltas.map((d) => d.upserts.length)).toEqual([1, 1]);
    // A burst goes out as one delta within the frame; while it goes on, one delta per coalescing window (50 ms here).
    for (let i = 0; i < 500; i += 1) place(`o${i}`);
    await clock.advance(LIVE_GAP_MS);
    expect(deltas).toHaveLength(3);
    expect(deltas[2]?.seq).toBe(3);
    expect(deltas[2]?.upserts).toHaveLength(500);
    place('straggler');
    await clock.advance(49);
    expect(deltas).toHaveLength(3);
    await clock.advance(1);
    expect(deltas).toHaveLength(4);
    expect(stream.snapshot().tickets).toHaveLength(503);
    // Quiet for a window: the next lone change leaves at once again.
    await clock.advance(200);
    place('later');
    await clock.advance(0);
    expect(deltas).toHaveLength(5);
    await stream.close();
  });

  it('a scheduled order appears when its fire time comes, found by the periodic sweep without any event', async () => {
    const { stream, deltas, clock, place } = setup();
    // Due at 12:30; fired 15 minutes before, at 12:15 — ten minutes from the clock's 12:05.
    place('later', { order: orderSnapshot({ displayNumber: 'L1', dueAt: '2026-11-22T12:30:00.000Z' }) });
    await clock.advance(50);
    expect(stream.snapshot().tickets).toEqual([]);
    await clock.advance(9 * 60_000);
    expect(stream.snapshot().tickets).toEqual([]);
    await clock.advance(75_000);
    expect(stream.snapshot().tickets.map((t) => t.orderId)).toEqual(['later']);
    expect(deltas.at(-1)?.upserts.map((t) => t.orderId)).toEqual(['later']);
    await stream.close();
  });

  it('cook actions are saved with an outbox row each and shown at once; bump removes and recall restores', async () => {
    const { storage, stream, deltas, actions, place } = setup();
    place('o1', {
      order: orderSnapshot({
        items: [{ lineId: 'l1', name: 'Fries', quantity: 1, station: 'fry', course: 1, modifiers: [], notes: '', allergens: [] }],
      }),
    });
    stream.flush();
    expect(actions.execute({ type: 'START', orderId: 'nope' })).toEqual({ ok: false, error: 'unknown order nope' });
    expect(actions.execute({ type: 'ITEM_DONE', orderId: 'o1', lineId: 'l1' }).ok).toBe(true);
    stream.flush();
    expect(stream.snapshot().tickets[0]?.status).toBe('READY');
    expect(actions.execute({ type: 'BUMP', orderId: 'o1' }).ok).toBe(true);
    stream.flush();
    expect(stream.snapshot().tickets).toEqual([]);
    expect(actions.execute({ type: 'RECALL_LAST' }).ok).toBe(true);
    stream.flush();
    expect(stream.snapshot().tickets.map((t) => t.orderId)).toEqual(['o1']);
    expect(deltas.map((d) => d.seq)).toEqual([1, 2, 3, 4]);
    const queued = storage.outbox.head(10).map((entry) => JSON.parse(entry.json) as { type: string; orderId: string; terminalId: string });
    expect(queued.map((event) => event.type)).toEqual(['ITEM_DONE', 'TICKET_BUMPED', 'TICKET_RECALLED']);
    expect(queued.every((event) => event.orderId === 'o1' && event.terminalId === 'expo-1')).toBe(true);
    expect(actions.execute({ type: 'START', orderId: 'o1' })).toMatchObject({ ok: true, value: { eventIds: [] } });
    await stream.close();
  });

  it('a cancelled order shows VOID, and a change that does not alter the ticket sends no delta', async () => {
    const { stream, deltas, storage, place } = setup();
    place('o1');
    stream.flush();
    storage.transact((tx) => {
      const current = tx.orders.get('o1');
      tx.orders.save(applyEvent(current, orderEvent('o1', 2, 'ORDER_CANCELLED', { reason: 'customer left' })));
      tx.changes.order('o1');
    });
    stream.flush();
    expect(stream.snapshot().tickets[0]).toMatchObject({ status: 'VOID', cancelReason: 'customer left' });
    const before = deltas.length;
    stream.invalidate(['o1']);
    expect(stream.flush()).toBeUndefined();
    expect(deltas).toHaveLength(before);
    await stream.close();
  });
});

describe('nothing on the hot path grows with history', () => {
  it('the screen starts from the orders that can be on it, and the fire-time sweep reads only scheduled ones', async () => {
    const clock = new ManualClock(Date.parse('2026-11-22T12:05:00.000Z'));
    const storage = Storage.open(mkdtempSync(join(tmpdir(), 'kds-history-')));
    storage.transact((tx) => {
      for (let i = 0; i < 5_000; i += 1) {
        const placed = applyEvent(undefined, placedOrder(`old-${i}`));
        tx.orders.save(applyEvent(placed, orderEvent(`old-${i}`, 2, 'ORDER_COMPLETED')));
      }
      tx.orders.save(applyEvent(undefined, placedOrder('open')));
      tx.orders.save(
        applyEvent(
          undefined,
          placedOrder('later', { order: orderSnapshot({ displayNumber: 'L1', dueAt: '2026-11-22T14:30:00.000+02:00' }) }),
        ),
      );
    });
    const read: string[] = [];
    const counting = {
      kitchen: storage.kitchen,
      answers: storage.answers,
      orders: new Proxy(storage.orders, {
        get: (target, key) => {
          const value = Reflect.get(target, key, target) as unknown;
          if (key === 'get') return (orderId: string) => (read.push(orderId), target.get(orderId));
          return typeof value === 'function' ? value.bind(target) : value;
        },
      }),
    };
    const stream = new TicketStream(counting, { clock });
    expect(read.sort()).toEqual(['later', 'open']);
    expect(stream.snapshot().tickets.map((t) => t.orderId)).toEqual(['open']);
    read.length = 0;
    // 12:30 UTC is 14:30+02:00: fired at 12:15, found by the sweep after it.
    await clock.advance(15 * 60_000);
    expect(read.every((orderId) => orderId === 'later')).toBe(true);
    expect(
      stream
        .snapshot()
        .tickets.map((t) => t.orderId)
        .sort(),
    ).toEqual(['later', 'open']);
    await stream.close();
  });
});
