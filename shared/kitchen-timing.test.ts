import { describe, expect, it } from 'vitest';
import { formatCookTimes, kitchenTimingSchema, parseCookTimes } from './kitchen-timing';
import { orderItemSchema } from './order-events';

describe('cook times', () => {
  it('read "Item = m:ss" or seconds, one per line, and write back the same text', () => {
    const parsed = parseCookTimes('Cheeseburger = 7:00\n\n  Fries=180 \nFish & Chips = 12:30');
    expect(parsed).toEqual({
      ok: true,
      value: [
        { name: 'Cheeseburger', seconds: 420 },
        { name: 'Fries', seconds: 180 },
        { name: 'Fish & Chips', seconds: 750 },
      ],
    });
    if (parsed.ok) expect(formatCookTimes(parsed.value)).toBe('Cheeseburger = 7:00\nFries = 3:00\nFish & Chips = 12:30');
  });

  it('say which line cannot be read, and refuse an item listed twice', () => {
    expect(parseCookTimes('Fries = 3:00\nSteak about ten minutes')).toEqual({ ok: false, error: expect.stringContaining('line 2') });
    const twice = kitchenTimingSchema.safeParse({
      cookTimes: [
        { name: 'Fries', seconds: 1 },
        { name: ' fries', seconds: 2 },
      ],
    });
    expect(twice.success).toBe(false);
  });

  it("an event's cook time that cannot be used is ignored, never poison", () => {
    const line = { lineId: 'l1', name: 'Fries', quantity: 1, station: 'fry' };
    expect(orderItemSchema.parse({ ...line, prepSeconds: 179.6 }).prepSeconds).toBe(180);
    expect(orderItemSchema.parse({ ...line, prepSeconds: -5 }).prepSeconds).toBeUndefined();
    expect(orderItemSchema.parse({ ...line, prepSeconds: 'soon' }).prepSeconds).toBeUndefined();
  });
});
