import avro from 'avsc';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { orderEventSchema, PRIORITIES } from '../order-events';
import { differences, type AvroField, type AvroType, type Json } from '../../test/support/avro-drift';
import { orderEventAvro } from './order-event';

describe('the order event contract as an Avro schema', () => {
  const json = z.toJSONSchema(orderEventSchema, { io: 'input', unrepresentable: 'any' }) as Json;

  it('has the zod schema’s fields, types, optionality and nullability', () => {
    expect(differences('OrderEvent', json, orderEventAvro as unknown as AvroType)).toEqual([]);
  });

  it('finds a drift: a field zod has and Avro lacks, a type that differs', () => {
    const drifted = { ...orderEventAvro, fields: [...orderEventAvro.fields.slice(0, 4), { name: 'version', type: 'string' }] };
    expect(differences('OrderEvent', json, drifted as unknown as AvroType)).toEqual([
      'OrderEvent.occurredAt: in zod only',
      'OrderEvent.order: in zod only',
      'OrderEvent.reason: in zod only',
      'OrderEvent.version: zod integer, Avro string',
    ]);
  });

  it('knows the priorities the terminal knows', () => {
    const type = avro.Type.forSchema(orderEventAvro as unknown as avro.Schema);
    const priority = (type as avro.types.RecordType).field('order')?.type.toJSON() as unknown as [string, { fields: AvroField[] }];
    expect(priority[1].fields.find((f) => f.name === 'priority')?.type).toMatchObject({ symbols: [...PRIORITIES] });
  });

  it('round-trips an event that the zod schema accepts as the same event', () => {
    const type = avro.Type.forSchema(orderEventAvro as unknown as avro.Schema);
    const event = {
      eventId: 'e1',
      type: 'ORDER_PLACED',
      orderId: 'o1',
      merchantId: 'm1',
      version: 1,
      occurredAt: '2025-01-01T12:00:00Z',
      order: {
        displayNumber: '42',
        channel: 'DINE_IN',
        table: '7',
        customerName: null,
        notes: null,
        priority: 'RUSH',
        dueAt: null,
        items: [
          {
            lineId: 'l1',
            name: 'Burger',
            quantity: 1,
            station: 'grill',
            course: 1,
            modifiers: [],
            notes: '',
            allergens: [],
            prepSeconds: 300,
          },
        ],
      },
      reason: null,
    };
    const decoded = type.fromBuffer(type.toBuffer(event)) as object;
    expect(orderEventSchema.safeParse(JSON.parse(JSON.stringify(decoded, (_k, v: unknown) => (v === null ? undefined : v)))).success).toBe(
      true,
    );
  });
});
