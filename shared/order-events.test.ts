import { describe, expect, it } from 'vitest';
import { MAX_ITEMS, orderEventSchema, TRUNCATION_MARK } from './order-events';

const item = (i: number) => ({ lineId: `l${i}`, name: 'Fries', quantity: 1, station: 'fry' });
const event = (order: object, extra: object = {}) => ({
  eventId: 'e1',
  type: 'ORDER_PLACED',
  orderId: 'o1',
  merchantId: 'm-1',
  version: 1,
  occurredAt: '2026-11-22T12:00:00.000Z',
  order: { displayNumber: 'A1', channel: 'DINE_IN', items: [item(1)], ...order },
  ...extra,
});

describe('the order contract, read tolerantly', () => {
  it('takes enum values, fields and event types a newer producer added', () => {
    const parsed = orderEventSchema.parse(
      event({ channel: 'ROBOT_DELIVERY', priority: 'VIP', loyaltyTier: 'gold' }, { type: 'ORDER_REFUNDED', source: 'app' }),
    );
    expect(parsed.type).toBe('ORDER_REFUNDED');
    expect(parsed.order).toMatchObject({ channel: 'ROBOT_DELIVERY', priority: 'VIP' });
    expect(parsed.order).not.toHaveProperty('loyaltyTier');
  });

  it('shortens over-long text with a visible mark and says how many list entries were left out', () => {
    const parsed = orderEventSchema.parse(
      event({
        items: [{ ...item(1), name: 'x'.repeat(300), modifiers: Array.from({ length: 60 }, (_, i) => `m${i}`) }],
        notes: 'n'.repeat(2_000),
      }),
    );
    const [line] = parsed.order?.items ?? [];
    expect(line?.name).toHaveLength(200);
    expect(line?.name.endsWith(TRUNCATION_MARK)).toBe(true);
    expect(line?.modifiers).toHaveLength(50);
    expect(line?.modifiers.at(-1)).toBe('+11 more');
    expect(parsed.order?.notes).toHaveLength(1000);
  });

  it('keeps the first items of a huge order and counts the rest', () => {
    const parsed = orderEventSchema.parse(event({ items: Array.from({ length: MAX_ITEMS + 7 }, (_, i) => item(i)) }));
    expect(parsed.order?.items).toHaveLength(MAX_ITEMS);
    expect(parsed.order?.moreItems).toBe(7);
  });

  it('still refuses what cannot be understood: no orderId, no version, wrong types', () => {
    expect(orderEventSchema.safeParse({ ...event({}), orderId: undefined }).success).toBe(false);
    expect(orderEventSchema.safeParse({ ...event({}), version: 'two' }).success).toBe(false);
    expect(orderEventSchema.safeParse(event({ items: [{ ...item(1), quantity: 'many' }] })).success).toBe(false);
    expect(orderEventSchema.safeParse(event({ items: 'fries' })).success).toBe(false);
  });
});
