import avro from 'avsc';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { orderEventSchema, PRIORITIES } from '../order-events';
import { orderEventAvro } from './order-event';

type Json = { type?: string | string[]; anyOf?: Json[]; properties?: Record<string, Json>; required?: string[]; items?: Json };
type AvroType = string | { type: string; fields?: AvroField[]; items?: AvroType; symbols?: readonly string[] } | readonly AvroType[];
type AvroField = { name: string; type: AvroType; default?: unknown };

/** The JSON types a zod input accepts, `null` included when it is nullable. */
function jsonTypes(schema: Json): string[] {
  if (schema.anyOf) return schema.anyOf.flatMap(jsonTypes);
  return Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
}
function jsonBranch(schema: Json): Json {
  return schema.anyOf?.find((branch) => !jsonTypes(branch).includes('null')) ?? schema;
}

const AVRO_FOR_JSON: Record<string, string[]> = {
  string: ['string', 'enum'],
  integer: ['int', 'long'],
  number: ['double', 'float', 'int', 'long'],
  array: ['array'],
  object: ['record'],
};

/** Every difference between a zod type (as JSON Schema of its input) and an Avro type, as `path: what`. */
function differences(path: string, json: Json, type: AvroType, optional = false): string[] {
  const union = Array.isArray(type) ? (type as readonly AvroType[]) : [type as AvroType];
  const avroNullable = union.includes('null');
  const jsonNullable = jsonTypes(json).includes('null');
  const problems: string[] = [];
  // An Avro null reads as an absent field: a union with null stands for a field zod lets be absent.
  if (avroNullable !== jsonNullable && !(avroNullable && optional))
    problems.push(`${path}: nullable in ${avroNullable ? 'Avro' : 'zod'} only`);
  const branch = union.find((t) => t !== 'null') as AvroType;
  const avroName = typeof branch === 'string' ? branch : (branch as { type: string }).type;
  const jsonBody = jsonBranch(json);
  const jsonType = jsonTypes(jsonBody).find((t) => t !== 'null') ?? 'any';
  if (!(AVRO_FOR_JSON[jsonType] ?? []).includes(avroName)) return [...problems, `${path}: zod ${jsonType}, Avro ${avroName}`];
  if (typeof branch === 'string') return problems;
  const complex = branch as { fields?: AvroField[]; items?: AvroType; symbols?: readonly string[] };
  if (avroName === 'array' && jsonBody.items && complex.items) problems.push(...differences(`${path}[]`, jsonBody.items, complex.items));
  if (avroName === 'record') {
    const properties = jsonBody.properties ?? {};
    const required = new Set(jsonBody.required ?? []);
    const fields = complex.fields ?? [];
    const names = new Set(fields.map((f) => f.name));
    for (const name of Object.keys(properties)) if (!names.has(name)) problems.push(`${path}.${name}: in zod only`);
    for (const field of fields) {
      const property = properties[field.name];
      if (!property) {
        problems.push(`${path}.${field.name}: in Avro only`);
        continue;
      }
      // What a JSON producer may leave out, an Avro writer need not know: a default.
      if (required.has(field.name) === 'default' in field) {
        problems.push(
          `${path}.${field.name}: ${required.has(field.name) ? 'required in zod, has an Avro default' : 'optional in zod, no Avro default'}`,
        );
      }
      problems.push(...differences(`${path}.${field.name}`, property, field.type, !required.has(field.name)));
    }
  }
  return problems;
}

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
