/**
 * The kitchen event contract (docs/DESIGN.md §3) as an Avro schema: what a terminal configured
 * with `kitchenEventFormat: "avro"` registers under `<kitchen events topic>-value` and writes,
 * and the reader schema terminals decode kitchen events into. `kitchen-event-schema.test.ts`
 * checks it against the zod schema field by field. The type stays a string (a newer terminal's
 * type is counted and skipped); an Avro null reads as an absent JSON field.
 */
const optional = (type: unknown) => ({ type: ['null', type], default: null });

const prepQuoteAvro = {
  type: 'record',
  name: 'PrepQuote',
  fields: [
    { name: 'minutes', type: 'int' },
    { name: 'at', type: 'string' },
    {
      name: 'stations',
      type: {
        type: 'array',
        items: {
          type: 'record',
          name: 'PrepQuoteStation',
          fields: [
            { name: 'station', type: 'string' },
            { name: 'waitSeconds', type: 'long' },
            { name: 'cookSeconds', type: 'long' },
            { name: 'openTickets', type: 'int' },
            { name: 'openItems', type: 'int' },
          ],
        },
      },
    },
    { name: 'itemsWithoutCookTime', type: 'int' },
  ],
} as const;

const outOfStockLineAvro = {
  type: 'record',
  name: 'OutOfStockLine',
  fields: [
    { name: 'lineId', type: 'string' },
    { name: 'name', type: 'string' },
  ],
} as const;

export const kitchenEventAvro = {
  type: 'record',
  name: 'KitchenEvent',
  namespace: 'kds.kitchen',
  doc: "A cook's action on a kitchen terminal (kds docs/DESIGN.md §3).",
  fields: [
    { name: 'eventId', type: 'string' },
    { name: 'type', type: 'string' },
    { name: 'orderId', type: 'string' },
    { name: 'merchantId', type: 'string' },
    { name: 'terminalId', type: 'string' },
    { name: 'station', ...optional('string') },
    { name: 'lineId', ...optional('string') },
    { name: 'orderVersion', ...optional('long') },
    { name: 'course', ...optional('int') },
    { name: 'answer', ...optional('string') },
    { name: 'prepMinutes', ...optional('int') },
    { name: 'quote', ...optional(prepQuoteAvro) },
    { name: 'reason', ...optional('string') },
    { name: 'outOfStock', ...optional({ type: 'array', items: outOfStockLineAvro }) },
    { name: 'signalOf', ...optional('string') },
    { name: 'item', ...optional('string') },
    { name: 'available', ...optional('boolean') },
    { name: 'until', ...optional('string') },
    { name: 'occurredAt', type: 'string' },
  ],
} as const;

/** A kitchen event as an Avro writer needs it: every field of the schema present, absent ones null. */
export function kitchenEventRecord(event: Record<string, unknown>): Record<string, unknown> {
  const record: Record<string, unknown> = {};
  for (const field of kitchenEventAvro.fields) record[field.name] = event[field.name] ?? null;
  return record;
}
