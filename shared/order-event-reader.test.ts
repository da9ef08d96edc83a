import { describe, expect, it } from 'vitest';
import { simulateStream } from '../scripts/simulator/order-simulator';
import { seededRandom } from '../scripts/simulator/random';
import { orderEventReader, readPlainOrderEvent } from './order-event-reader';
import { orderEventSchema } from './order-events';

/** Values a producer could send by mistake or by evolving: wrong types, edges of every limit. */
const ODD_VALUES: unknown[] = [
  null,
  undefined,
  '',
  'x',
  'x'.repeat(33),
  'x'.repeat(65),
  'x'.repeat(129),
  'x'.repeat(201),
  'x'.repeat(501),
  'x'.repeat(1001),
  0,
  -1,
  1,
  1.5,
  2 ** 53,
  14_401,
  3.6,
  true,
  [],
  ['a'],
  Array.from({ length: 31 }, () => 'a'),
  Array.from({ length: 51 }, () => 'm'),
  [1],
  {},
  '2026-11-22T12:00:00Z',
  '2026-11-22T12:00:00.123+02:00',
  '2026-11-22 12:00',
  '2026-02-30T12:00:00Z',
];

/** `json` with one field somewhere in it replaced by an odd value, removed, or joined by an unknown one. */
function mutate(json: unknown, next: () => number): unknown {
  const copy = structuredClone(json);
  const isObject = (value: unknown): value is Record<string, unknown> =>
    typeof value === 'object' && value !== null && !Array.isArray(value);
  if (!isObject(copy)) return copy;
  const holders: Record<string, unknown>[] = [copy];
  if (isObject(copy.order)) {
    holders.push(copy.order);
    const items = copy.order.items;
    if (Array.isArray(items)) holders.push(...items.filter(isObject));
  }
  const holder = holders[Math.floor(next() * holders.length)] as Record<string, unknown>;
  const keys = [...Object.keys(holder), 'reason', 'table', 'prepSeconds', 'course', 'dueAt', 'newField'];
  const key = keys[Math.floor(next() * keys.length)] as string;
  const roll = next();
  if (roll < 0.2) Reflect.deleteProperty(holder, key);
  else holder[key] = ODD_VALUES[Math.floor(next() * ODD_VALUES.length)];
  return copy;
}

describe('the order event reader', () => {
  const events = simulateStream({ merchants: ['m-1'], ordersPerMerchant: 300, seed: 11, faults: { thin: 0.1 } }).map(
    (record) => JSON.parse(record.value) as unknown,
  );

  it('reads every event of a simulated day itself, exactly as the schema builds it', () => {
    for (const json of events) {
      const read = readPlainOrderEvent(json);
      expect(read).toBeDefined();
      const parsed = orderEventSchema.parse(json);
      expect(read).toStrictEqual(parsed);
      expect(JSON.stringify(read)).toBe(JSON.stringify(parsed));
    }
  });

  it('on 20,000 mutated events reads only what the schema accepts, builds it the same, and leaves the rest to the schema', () => {
    const next = seededRandom(2026);
    let readFast = 0;
    for (let index = 0; index < 20_000; index += 1) {
      let json = events[index % events.length];
      for (let times = 1 + Math.floor(next() * 3); times > 0; times -= 1) json = mutate(json, next);
      const read = readPlainOrderEvent(json);
      const parsed = orderEventSchema.safeParse(json);
      if (read === undefined) {
        // Not read fast: the schema answers, accepting or with its own error message.
        expect(orderEventReader.safeParse(json)).toStrictEqual(parsed);
        continue;
      }
      readFast += 1;
      expect(parsed.success, JSON.stringify(json)).toBe(true);
      expect(read).toStrictEqual(parsed.data);
      expect(JSON.stringify(read)).toBe(JSON.stringify(parsed.data));
    }
    // Mutations that keep an event plain (an unknown field, a valid value) are still read fast.
    expect(readFast).toBeGreaterThan(2_000);
  });

  it('leaves to the schema what only it can build: text to shorten, a cook time to ignore, lists past their limit', () => {
    const [first] = events as [Record<string, unknown>];
    const order = first.order as Record<string, unknown>;
    const item = (order.items as Record<string, unknown>[])[0] as Record<string, unknown>;
    const cases = [
      { ...first, reason: 'r'.repeat(600) },
      { ...first, order: { ...order, items: [{ ...item, prepSeconds: 'soon' }] } },
      { ...first, order: { ...order, items: [{ ...item, modifiers: Array.from({ length: 60 }, (_, i) => `m${i}`) }] } },
    ];
    for (const json of cases) {
      expect(readPlainOrderEvent(json)).toBeUndefined();
      expect(orderEventReader.safeParse(json)).toStrictEqual(orderEventSchema.safeParse(json));
      expect(orderEventReader.safeParse(json).success).toBe(true);
    }
  });
});
