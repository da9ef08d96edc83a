import { PRIORITIES } from '../order-events';

/**
 * The order event contract (docs/DESIGN.md §3) as an Avro schema: what a platform on Avro
 * registers under `<orders topic>-value`, and the reader schema a terminal decodes every
 * writer's version into. `shared/avro/order-event-schema.test.ts` checks it against the zod
 * types, field by field, so the two encodings cannot drift.
 *
 * Open sets stay strings (event type, channel, station: a newer producer's value is shown as it
 * comes); priority is an enum whose default symbol reads a newer producer's priority as NORMAL.
 * An Avro null reads as an absent JSON field. Times are ISO-8601 text with an offset, as in JSON.
 */
const optional = (type: unknown) => ({ type: ['null', type], default: null });

export const orderItemAvro = {
  type: 'record',
  name: 'OrderItem',
  fields: [
    { name: 'lineId', type: 'string' },
    { name: 'name', type: 'string' },
    { name: 'quantity', type: 'int' },
    { name: 'station', type: 'string' },
    { name: 'course', type: 'int', default: 1 },
    { name: 'modifiers', type: { type: 'array', items: 'string' }, default: [] },
    { name: 'notes', type: 'string', default: '' },
    { name: 'allergens', type: { type: 'array', items: 'string' }, default: [] },
    { name: 'prepSeconds', ...optional('double') },
  ],
} as const;

export const orderSnapshotAvro = {
  type: 'record',
  name: 'OrderSnapshot',
  fields: [
    { name: 'displayNumber', type: 'string' },
    { name: 'channel', type: 'string' },
    { name: 'table', ...optional('string') },
    { name: 'customerName', ...optional('string') },
    { name: 'notes', ...optional('string') },
    {
      name: 'priority',
      type: { type: 'enum', name: 'Priority', symbols: [...PRIORITIES], default: 'NORMAL' },
      default: 'NORMAL',
    },
    { name: 'dueAt', ...optional('string') },
    { name: 'acceptBy', ...optional('string') },
    { name: 'items', type: { type: 'array', items: orderItemAvro } },
  ],
} as const;

export const orderEventAvro = {
  type: 'record',
  name: 'OrderEvent',
  namespace: 'kds.orders',
  doc: 'A platform order event (kds docs/DESIGN.md §3).',
  fields: [
    { name: 'eventId', type: 'string' },
    { name: 'type', type: 'string' },
    { name: 'orderId', type: 'string' },
    { name: 'merchantId', type: 'string' },
    { name: 'version', type: 'long' },
    { name: 'occurredAt', type: 'string' },
    { name: 'order', ...optional(orderSnapshotAvro) },
    { name: 'reason', ...optional('string') },
  ],
} as const;

/** The subject a topic's values are registered under (Confluent's TopicNameStrategy). */
export function valueSubject(topic: string): string {
  return `${topic}-value`;
}
