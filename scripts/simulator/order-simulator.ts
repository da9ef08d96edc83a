import { randomUUID } from 'node:crypto';
import { CHANNELS, MERCHANT_HEADER, type OrderEvent, type OrderSnapshot } from '../../shared/order-events';
import { MENU } from './menu';
import { pick, seededRandom } from './random';

/** One record to produce: the Kafka key, value bytes and headers, and the event it carries (if valid). */
export interface SimRecord {
  key: string;
  value: string;
  /** Raw bytes sent instead of `value` (a fuzzed record that is not valid UTF-8). */
  bytes?: Buffer;
  headers: Record<string, string>;
  event?: OrderEvent;
  poison?: 'malformed-json' | 'schema' | 'oversized';
  /** A newer producer's record that terminals read tolerantly (counted, never dead-lettered). */
  tolerated?: 'unknown-type';
}

export interface Faults {
  /** Probability that an event is sent twice with the same eventId. */
  duplicate?: number;
  /** Probability that an event is resent with the same version and a new eventId. */
  versionReplay?: number;
  /** Probability that an event swaps places with the next event of its order. */
  reorder?: number;
  /** Probability that a PLACED/UPDATED event is sent thin (no snapshot). */
  thin?: number;
  /** Poison records per valid record. */
  poison?: number;
  /** Probability that a record carries no merchant-id header (consumers fall back to the value). */
  noHeader?: number;
}

export interface SimulationOptions {
  merchants: string[];
  ordersPerMerchant: number;
  seed?: number;
  faults?: Faults;
  /** Time of the first order; later ones follow at lunch-rush spacing. */
  start?: Date;
  orderIdPrefix?: string;
}

/** A random lunch or dinner order (one to five lines of the menu, with their cook times). */
export function simulatedSnapshot(random: () => number, orderNumber: number): OrderSnapshot {
  const channel = pick(random, CHANNELS);
  const lines = 1 + Math.floor(random() * 5);
  return {
    displayNumber: `${String.fromCharCode(65 + (orderNumber % 26))}${orderNumber % 100}`,
    channel,
    table: channel === 'DINE_IN' ? String(1 + Math.floor(random() * 30)) : null,
    customerName: channel === 'DINE_IN' ? null : pick(random, ['Ana', 'Ben', 'Chloé', 'Dev', 'Emi', 'Farid', 'Greta', 'Hiro']),
    notes: random() < 0.15 ? pick(random, ['birthday', 'allergy at table', 'VIP', 'in a hurry']) : null,
    priority: random() < 0.1 ? 'RUSH' : 'NORMAL',
    dueAt: null,
    items: Array.from({ length: lines }, (_, i) => {
      const item = pick(random, MENU);
      return {
        lineId: `l${i + 1}`,
        name: item.name,
        quantity: 1 + Math.floor(random() * 3),
        station: item.station,
        course: item.course,
        modifiers: item.modifiers.length && random() < 0.4 ? [pick(random, item.modifiers)] : [],
        notes: '',
        allergens: item.allergens,
        prepSeconds: item.prepSeconds,
      };
    }),
  };
}

/** One order's lifecycle: placed, sometimes updated, paid, then completed or cancelled. */
export function orderLifecycle(random: () => number, orderId: string, merchantId: string, orderNumber: number, at: Date): OrderEvent[] {
  const events: OrderEvent[] = [];
  let time = at.getTime();
  const push = (type: OrderEvent['type'], extra: Partial<OrderEvent> = {}): void => {
    time += 1000 + Math.floor(random() * 60_000);
    events.push({
      eventId: randomUUID(),
      type,
      orderId,
      merchantId,
      version: events.length + 1,
      occurredAt: new Date(time).toISOString(),
      ...extra,
    });
  };
  let order = simulatedSnapshot(random, orderNumber);
  push('ORDER_PLACED', { order });
  const [firstLine] = order.items;
  if (firstLine && random() < 0.3) {
    // A typical change: the last line dropped, one more of the first added.
    const kept = order.items.slice(0, Math.max(1, order.items.length - 1));
    order = { ...order, items: [...kept, { ...firstLine, lineId: `l${order.items.length + 1}`, quantity: 1 }] };
    push('ORDER_UPDATED', { order });
  }
  push('ORDER_PAID');
  if (random() < 0.1) push('ORDER_CANCELLED', { reason: pick(random, ['customer request', 'out of stock', 'duplicate order']) });
  else push('ORDER_COMPLETED');
  return events;
}

function poisonRecord(random: () => number, merchantId: string): SimRecord {
  const kind = pick(random, ['malformed-json', 'schema', 'oversized', 'unknown-type'] as const);
  const headers = { [MERCHANT_HEADER]: merchantId };
  const key = `poison-${randomUUID().slice(0, 8)}`;
  switch (kind) {
    case 'malformed-json':
      return { key, headers, poison: kind, value: '{"eventId": "broken", "type": ' };
    case 'schema':
      return {
        key,
        headers,
        poison: kind,
        value: JSON.stringify({ eventId: randomUUID(), type: 'ORDER_PAID', orderId: key, merchantId, version: -1 }),
      };
    case 'oversized':
      return { key, headers, poison: kind, value: JSON.stringify({ eventId: randomUUID(), padding: 'x'.repeat(1_100_000) }) };
    case 'unknown-type':
      return {
        key,
        headers,
        tolerated: kind,
        value: JSON.stringify({
          eventId: randomUUID(),
          type: 'ORDER_TELEPORTED',
          orderId: key,
          merchantId,
          version: 1,
          occurredAt: new Date().toISOString(),
        }),
      };
  }
}

/**
 * A contract-valid stream for several merchants, interleaved as a busy platform would
 * produce it, with the requested faults. Each record's event (if any) is returned too, so
 * tests can compute the expected outcome independently.
 */
export function simulateStream(options: SimulationOptions): SimRecord[] {
  const random = seededRandom(options.seed ?? 42);
  const faults = options.faults ?? {};
  const start = options.start ?? new Date();
  const perOrder: OrderEvent[][] = [];
  let orderNumber = 0;
  for (const merchantId of options.merchants) {
    for (let i = 0; i < options.ordersPerMerchant; i += 1) {
      orderNumber += 1;
      const orderId = `${options.orderIdPrefix ?? 'ord'}-${merchantId}-${i + 1}`;
      perOrder.push(orderLifecycle(random, orderId, merchantId, orderNumber, new Date(start.getTime() + orderNumber * 20_000)));
    }
  }
  // Interleave orders: take the next event of a random open order until all are sent.
  const records: SimRecord[] = [];
  const cursors = perOrder.map(() => 0);
  const open = perOrder.map((_, index) => index);
  while (open.length > 0) {
    const slot = Math.floor(random() * Math.min(open.length, 40));
    const index = open[slot] as number;
    const events = perOrder[index] as OrderEvent[];
    let event = events[cursors[index] as number] as OrderEvent;
    cursors[index] = (cursors[index] as number) + 1;
    const nextEvent = events[cursors[index] as number];
    if (nextEvent && random() < (faults.reorder ?? 0)) {
      events[cursors[index] as number] = event;
      event = nextEvent;
    }
    if (cursors[index] === events.length) open.splice(slot, 1);
    if ((event.type === 'ORDER_PLACED' || event.type === 'ORDER_UPDATED') && random() < (faults.thin ?? 0)) {
      event = { ...event };
      delete event.order;
    }
    const headers: Record<string, string> = random() < (faults.noHeader ?? 0) ? {} : { [MERCHANT_HEADER]: event.merchantId };
    const record = { key: event.orderId, value: JSON.stringify(event), headers, event };
    records.push(record);
    if (random() < (faults.duplicate ?? 0)) records.push({ ...record });
    if (random() < (faults.versionReplay ?? 0)) {
      const replay = { ...event, eventId: randomUUID() };
      records.push({ key: replay.orderId, value: JSON.stringify(replay), headers, event: replay });
    }
    if (random() < (faults.poison ?? 0)) records.push(poisonRecord(random, event.merchantId));
  }
  return records;
}
