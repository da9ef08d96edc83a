import { z } from 'zod';

/** The platform's order event contract (docs/DESIGN.md §3): one schema, used by the core and the simulator. */
export const ORDER_EVENT_TYPES = ['ORDER_PLACED', 'ORDER_UPDATED', 'ORDER_PAID', 'ORDER_CANCELLED', 'ORDER_COMPLETED'] as const;
export const CHANNELS = ['DINE_IN', 'TAKEOUT', 'DELIVERY', 'DRIVE_THRU', 'KIOSK'] as const;
export const PRIORITIES = ['NORMAL', 'RUSH'] as const;

/**
 * Reading tolerantly (README: compatibility rules): producers evolve before terminals do. Text
 * longer than its limit is shortened with a visible mark, lists longer than theirs keep their
 * head and say how many more there were, enum-like fields take values this terminal does not
 * know yet, unknown fields are ignored. Only what cannot be understood at all is poison: not
 * JSON, no orderId or version, wrong types.
 */
export const TRUNCATION_MARK = '…';

const text = (max: number) =>
  z.string().transform((value) => (value.length > max ? `${value.slice(0, max - 1)}${TRUNCATION_MARK}` : value));

/** At most `max` entries; past that the last kept entry says how many more there were. */
const list = (max: number, item: z.ZodType<string>) =>
  z.array(item).transform((values) => (values.length > max ? [...values.slice(0, max - 1), `+${values.length - max + 1} more`] : values));

/** Values known to this terminal; others are shown as they come. */
const known = (values: readonly string[]) => text(64).describe(`known: ${values.join(', ')}; others are shown as they come`);

/** Longer than any dish: a cook time past this is a producer's mistake, and ignored. */
export const MAX_PREP_SECONDS = 4 * 3600;

export const orderItemSchema = z.object({
  lineId: z.string().min(1).max(64),
  name: text(200).pipe(z.string().min(1)),
  quantity: z.number().int().positive(),
  station: text(64).pipe(z.string().min(1)),
  course: z.number().int().min(1).default(1),
  modifiers: list(50, text(200)).default([]),
  notes: text(500).default(''),
  allergens: list(30, text(64)).default([]),
  /** Cook time for synchronized item timing; a value this terminal cannot use is ignored, never poison. */
  prepSeconds: z.number().min(0).max(MAX_PREP_SECONDS).transform(Math.round).optional().catch(undefined),
});

/** Items past this many are not shown one by one; the ticket says how many more there are. */
export const MAX_ITEMS = 200;

export const orderSnapshotSchema = z
  .object({
    displayNumber: text(32).pipe(z.string().min(1)),
    channel: known(CHANNELS),
    table: text(32).nullish(),
    customerName: text(100).nullish(),
    notes: text(1000).nullish(),
    priority: known(PRIORITIES).default('NORMAL'),
    dueAt: z.iso.datetime({ offset: true }).nullish(),
    /**
     * The platform cancels the order unless the kitchen accepts it by then (Uber Eats 11.5 min,
     * Deliveroo 10, Wolt 3). Absent: no answer is expected, the order is accepted as it comes.
     */
    acceptBy: z.iso.datetime({ offset: true }).nullish(),
    items: z.array(orderItemSchema).min(1),
  })
  .transform(({ items, ...rest }) => ({
    ...rest,
    items: items.slice(0, MAX_ITEMS),
    ...(items.length > MAX_ITEMS ? { moreItems: items.length - MAX_ITEMS } : {}),
  }));

export const orderEventSchema = z.object({
  eventId: z.string().min(1).max(128),
  /** Known types are ORDER_EVENT_TYPES; a newer producer's type is counted and applied as a no-op that keeps versions contiguous. */
  type: z.string().min(1).max(64),
  orderId: z.string().min(1).max(128),
  merchantId: z.string().min(1).max(128),
  version: z.number().int().positive(),
  occurredAt: z.iso.datetime({ offset: true }),
  order: orderSnapshotSchema.optional(),
  reason: text(500).optional(),
});

export function isKnownEventType(type: string): type is OrderEventType {
  return (ORDER_EVENT_TYPES as readonly string[]).includes(type);
}

export type OrderItem = z.infer<typeof orderItemSchema>;
export type OrderSnapshot = z.infer<typeof orderSnapshotSchema>;
export type OrderEvent = z.infer<typeof orderEventSchema>;
export type OrderEventType = (typeof ORDER_EVENT_TYPES)[number];

/** A PLACED or UPDATED event without its snapshot must be enriched from the order-detail API. */
export function isThin(event: OrderEvent): boolean {
  return (event.type === 'ORDER_PLACED' || event.type === 'ORDER_UPDATED') && event.order === undefined;
}

/** What `GET <orderDetailUrl>/orders/<orderId>` answers. */
export const orderDetailSchema = z.object({
  version: z.number().int().positive(),
  order: orderSnapshotSchema,
});
export type OrderDetail = z.infer<typeof orderDetailSchema>;

/** Kafka header carrying the merchant id, for filtering without parsing the value. */
export const MERCHANT_HEADER = 'merchant-id';

/** A zod error as one line a person can act on: `field: what was expected`. */
export function describeZodError(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.length ? issue.path.join('.') : '(root)'}: ${issue.message}`).join('; ');
}
