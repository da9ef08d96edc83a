import { z } from 'zod';
import { MAX_ITEMS, MAX_PREP_SECONDS, orderEventSchema, type OrderEvent, type OrderItem, type OrderSnapshot } from './order-events';

/**
 * The order event schema, read fast: zod walking every field of every event was a fifth of a
 * catch-up's apply (BENCHMARKS.md). An event the contract accepts as it is — nothing to shorten,
 * no default it cannot fill, no value to ignore — is checked here field by field and built exactly
 * as `orderEventSchema` would build it (order-event-reader.test.ts proves both agree on every event
 * it reads). Anything else goes to `orderEventSchema`, whose errors are the ones dead letters keep.
 */
export const orderEventReader = {
  safeParse(json: unknown): z.ZodSafeParseResult<OrderEvent> {
    const event = readPlainOrderEvent(json);
    return event === undefined ? orderEventSchema.safeParse(json) : { success: true, data: event };
  },
};

const DATETIME = z.regexes.datetime({ offset: true });

type Fields = Record<string, unknown>;

const isFields = (value: unknown): value is Fields => typeof value === 'object' && value !== null && !Array.isArray(value);
const isText = (value: unknown, min: number, max: number): value is string =>
  typeof value === 'string' && value.length >= min && value.length <= max;
const isCount = (value: unknown, min: number): value is number => Number.isSafeInteger(value) && (value as number) >= min;
const isTime = (value: unknown): value is string => typeof value === 'string' && DATETIME.test(value);

/** The event as the schema builds it, or undefined when only the schema can say what it is. */
export function readPlainOrderEvent(json: unknown): OrderEvent | undefined {
  if (!isFields(json)) return undefined;
  const { eventId, type, orderId, merchantId, version, occurredAt } = json;
  if (!isText(eventId, 1, 128) || !isText(type, 1, 64) || !isText(orderId, 1, 128) || !isText(merchantId, 1, 128)) return undefined;
  if (!isCount(version, 1) || !isTime(occurredAt)) return undefined;
  const event: OrderEvent = { eventId, type, orderId, merchantId, version, occurredAt };
  if ('order' in json) {
    const order = readPlainSnapshot(json.order);
    if (order === undefined) return undefined;
    event.order = order;
  }
  if ('reason' in json) {
    if (!isText(json.reason, 0, 500)) return undefined;
    event.reason = json.reason;
  }
  return event;
}

function readPlainSnapshot(json: unknown): OrderSnapshot | undefined {
  if (!isFields(json)) return undefined;
  const { displayNumber, channel, items } = json;
  if (!isText(displayNumber, 1, 32) || !isText(channel, 0, 64)) return undefined;
  if (!Array.isArray(items) || items.length < 1 || items.length > MAX_ITEMS) return undefined;
  const snapshot: Fields = { displayNumber, channel };
  if (!copyNullish(json, snapshot, 'table', (value) => isText(value, 0, 32))) return undefined;
  if (!copyNullish(json, snapshot, 'customerName', (value) => isText(value, 0, 100))) return undefined;
  if (!copyNullish(json, snapshot, 'notes', (value) => isText(value, 0, 1000))) return undefined;
  if (json.priority === undefined) snapshot.priority = 'NORMAL';
  else if (isText(json.priority, 0, 64)) snapshot.priority = json.priority;
  else return undefined;
  if (!copyNullish(json, snapshot, 'dueAt', isTime)) return undefined;
  if (!copyNullish(json, snapshot, 'acceptBy', isTime)) return undefined;
  const read: OrderItem[] = [];
  for (const item of items) {
    const line = readPlainItem(item);
    if (line === undefined) return undefined;
    read.push(line);
  }
  snapshot.items = read;
  return snapshot as OrderSnapshot;
}

/** A key the schema makes `.nullish()`: copied when absent (left out), null, or valid. */
function copyNullish(from: Fields, to: Fields, key: string, valid: (value: unknown) => boolean): boolean {
  if (!(key in from)) return true;
  const value = from[key];
  if (value !== null && !valid(value)) return false;
  to[key] = value;
  return true;
}

function readPlainItem(json: unknown): OrderItem | undefined {
  if (!isFields(json)) return undefined;
  const { lineId, name, quantity, station, course, modifiers, notes, allergens, prepSeconds } = json;
  if (!isText(lineId, 1, 64) || !isText(name, 1, 200) || !isCount(quantity, 1) || !isText(station, 1, 64)) return undefined;
  if (course !== undefined && !isCount(course, 1)) return undefined;
  if (notes !== undefined && !isText(notes, 0, 500)) return undefined;
  const readModifiers = textList(modifiers, 50, 200);
  const readAllergens = textList(allergens, 30, 64);
  if (readModifiers === undefined || readAllergens === undefined) return undefined;
  const item: OrderItem = {
    lineId,
    name,
    quantity,
    station,
    course: course ?? 1,
    modifiers: readModifiers,
    notes: notes ?? '',
    allergens: readAllergens,
  };
  if ('prepSeconds' in json) {
    if (typeof prepSeconds !== 'number' || !(prepSeconds >= 0 && prepSeconds <= MAX_PREP_SECONDS)) return undefined;
    item.prepSeconds = Math.round(prepSeconds);
  }
  return item;
}

/** A list of short texts as the schema's `list` keeps it: absent is empty; anything to shorten is the schema's. */
function textList(value: unknown, maxEntries: number, maxLength: number): string[] | undefined {
  if (value === undefined) return [];
  if (!Array.isArray(value) || value.length > maxEntries) return undefined;
  for (const entry of value) if (!isText(entry, 0, maxLength)) return undefined;
  return [...(value as string[])];
}
