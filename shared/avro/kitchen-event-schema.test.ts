import avro from 'avsc';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { differences, type AvroType, type Json } from '../../test/support/avro-drift';
import { kitchenEventSchema } from '../kitchen-events';
import { kitchenEventAvro, kitchenEventRecord } from './kitchen-event';

describe('the kitchen event contract as an Avro schema', () => {
  it('has the zod schema’s fields, types, optionality and nullability', () => {
    const json = z.toJSONSchema(kitchenEventSchema, { io: 'input', unrepresentable: 'any' }) as Json;
    expect(differences('KitchenEvent', json, kitchenEventAvro as unknown as AvroType)).toEqual([]);
  });

  it('round-trips a kitchen event as the same event', () => {
    const type = avro.Type.forSchema(kitchenEventAvro as unknown as avro.Schema);
    const event = {
      eventId: 'k1',
      type: 'TICKET_BUMPED',
      orderId: 'o1',
      merchantId: 'm1',
      terminalId: 'grill-1',
      station: 'grill',
      orderVersion: 3,
      occurredAt: '2025-01-01T12:00:00.000Z',
    };
    const decoded = type.fromBuffer(type.toBuffer(kitchenEventRecord(event))) as object;
    const back = JSON.parse(JSON.stringify(decoded, (_k, v: unknown) => (v === null ? undefined : v))) as unknown;
    expect(kitchenEventSchema.parse(back)).toEqual(event);
  });
});
