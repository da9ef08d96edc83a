import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { TicketDelta } from '../../../shared/app-api';
import type { OrderEvent } from '../../../shared/order-events';
import { applyEvent } from '../ingest/apply-event';
import { IngestStore } from '../store/ingest-store';
import { openDatabase } from '../store/open-database';
import { KitchenActions } from '../kitchen/kitchen-actions';
import { KitchenStore } from '../kitchen/kitchen-store';
import { OutboxStore } from '../kitchen/outbox-store';
import { TicketStream } from './ticket-stream';

const placed = (orderId: string): OrderEvent => ({
  eventId: orderId,
  type: 'ORDER_PLACED',
  orderId,
  merchantId: 'm-1',
  version: 1,
  occurredAt: '2026-11-22T12:00:00.000Z',
  order: {
    displayNumber: orderId,
    channel: 'KIOSK',
    priority: 'NORMAL',
    items: [{ lineId: 'l1', name: 'Fries', quantity: 1, station: 'fry', course: 1, modifiers: [], notes: '', allergens: [] }],
  },
});

function setup() {
  const db = openDatabase(mkdtempSync(join(tmpdir(), 'kds-stream-')));
  const orders = new IngestStore(db);
  const kitchen = new KitchenStore(db);
  const outbox = new OutboxStore(db);
  const stream = new TicketStream(orders, kitchen, [], 50, () => new Date('2026-11-22T12:05:00.000Z'));
  const deltas: TicketDelta[] = [];
  stream.subscribe((delta) => deltas.push(delta));
  const terminal = { merchantId: 'm-1', terminalId: 'expo-1', stations: [] };
  const actions = new KitchenActions(orders, kitchen, outbox, terminal, (outcome) => {
    if (outcome.orderId) stream.invalidate([outcome.orderId]);
    stream.flush();
  });
  return { orders, kitchen, outbox, stream, deltas, actions };
}

describe('ticket stream (real SQLite file)', () => {
  it('coalesces many changes into one delta with the next sequence number', async () => {
    const { orders, stream, deltas } = setup();
    for (let i = 0; i < 500; i += 1) {
      orders.saveOrder(applyEvent(undefined, placed(`o${i}`)));
      stream.invalidate([`o${i}`]);
    }
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(deltas).toHaveLength(1);
    expect(deltas[0]?.seq).toBe(1);
    expect(deltas[0]?.upserts).toHaveLength(500);
    expect(stream.snapshot().tickets).toHaveLength(500);
    stream.close();
  });

  it('commands are validated, saved with an outbox row each, and shown at once; bump removes and recall restores', () => {
    const { orders, outbox, stream, deltas, actions } = setup();
    orders.saveOrder(applyEvent(undefined, placed('o1')));
    stream.invalidate(['o1']);
    stream.flush();
    expect(actions.execute({ type: 'BUMP' })).toMatchObject({ ok: false, error: expect.stringContaining('orderId') });
    expect(actions.execute({ type: 'START', orderId: 'nope' })).toEqual({ ok: false, error: 'unknown order nope' });
    expect(actions.execute({ type: 'ITEM_DONE', orderId: 'o1', lineId: 'l1' }).ok).toBe(true);
    expect(stream.snapshot().tickets[0]?.status).toBe('READY');
    expect(actions.execute({ type: 'BUMP', orderId: 'o1' }).ok).toBe(true);
    expect(stream.snapshot().tickets).toEqual([]);
    expect(actions.execute({ type: 'RECALL_LAST' }).ok).toBe(true);
    expect(stream.snapshot().tickets.map((t) => t.orderId)).toEqual(['o1']);
    expect(deltas.map((d) => d.seq)).toEqual([1, 2, 3, 4]);
    const queued = outbox.head(10).map((entry) => JSON.parse(entry.json) as { type: string; orderId: string; terminalId: string });
    expect(queued.map((event) => event.type)).toEqual(['ITEM_DONE', 'TICKET_BUMPED', 'TICKET_RECALLED']);
    expect(queued.every((event) => event.orderId === 'o1' && event.terminalId === 'expo-1')).toBe(true);
    expect(actions.execute({ type: 'START', orderId: 'o1' })).toMatchObject({ ok: true, value: { eventIds: [] } });
    stream.close();
  });
});
