import { z } from 'zod';

/** The platform's order event contract (DESIGN.md §3): one schema, used by the core and the simulator. */
export const ORDER_EVENT_TYPES = ['ORDER_PLACED', 'ORDER_UPDATED', 'ORDER_PAID', 'ORDER_CANCELLED', 'ORDER_COMPLETED'] as const;
export const CHANNELS = ['DINE_IN', 'TAKEOUT', 'DELIVERY', 'DRIVE_THRU', 'KIOSK'] as const;
export const PRIORITIES = ['NORMAL', 'RUSH'] as const;

const text = (max: number) => z.string().max(max);

export const orderItemSchema = z.object({
  lineId: text(64).min(1),
  name: text(200).min(1),
  quantity: z.number().int().positive().max(999),
  station: text(64).min(1),
  course: z.number().int().min(1).max(20).default(1),
  modifiers: z.array(text(200)).max(50).default([]),
  notes: text(500).default(''),
  allergens: z.array(text(64)).max(30).default([]),
});

export const orderSnapshotSchema = z.object({
  displayNumber: text(32).min(1),
  channel: z.enum(CHANNELS),
  table: text(32).nullish(),
  customerName: text(100).nullish(),
  notes: text(1000).nullish(),
  priority: z.enum(PRIORITIES).default('NORMAL'),
  dueAt: z.iso.datetime({ offset: true }).nullish(),
  items: z.array(orderItemSchema).min(1).max(200),
});

export const orderEventSchema = z.object({
  eventId: text(128).min(1),
  type: z.enum(ORDER_EVENT_TYPES),
  orderId: text(128).min(1),
  merchantId: text(128).min(1),
  version: z.number().int().positive(),
  occurredAt: z.iso.datetime({ offset: true }),
  order: orderSnapshotSchema.optional(),
  reason: text(500).optional(),
});

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
