import { z } from 'zod';

/**
 * Kitchen events (docs/DESIGN.md §3): what cooks did, produced by terminals to
 * `<env>.kitchen-events` (key orderId, header merchant-id) and consumed by every terminal of
 * the merchant, so the screens of one kitchen agree.
 */
export const KITCHEN_EVENT_TYPES = [
  'TICKET_STARTED',
  'TICKET_BUMPED',
  'TICKET_RECALLED',
  'ITEM_DONE',
  'ITEM_UNDONE',
  'VOID_ACKNOWLEDGED',
  'COURSE_FIRED',
] as const;
export type KitchenEventType = (typeof KITCHEN_EVENT_TYPES)[number];

export function isKnownKitchenEventType(type: string): type is KitchenEventType {
  return (KITCHEN_EVENT_TYPES as readonly string[]).includes(type);
}

const text = (max: number) => z.string().min(1).max(max);

export const kitchenEventSchema = z
  .object({
    eventId: text(128),
    /** Known types are KITCHEN_EVENT_TYPES; a newer terminal's type is counted and skipped, never poison. */
    type: z.string().min(1).max(64),
    orderId: text(128),
    merchantId: text(128),
    terminalId: text(128),
    /** The station whose part of the ticket this is about; absent: the whole ticket (expo). */
    station: text(64).optional(),
    lineId: text(64).optional(),
    /** TICKET_BUMPED: the order's version on screen when bumped; a later change brings the ticket back. */
    orderVersion: z.number().int().positive().optional(),
    /** COURSE_FIRED: the course a cook fired before its time. */
    course: z.number().int().min(1).max(99).optional(),
    occurredAt: z.iso.datetime({ offset: true }),
  })
  .refine((event) => !event.type.startsWith('ITEM_') || event.lineId !== undefined, {
    message: 'ITEM_DONE and ITEM_UNDONE need a lineId',
    path: ['lineId'],
  })
  .refine((event) => event.type !== 'COURSE_FIRED' || event.course !== undefined, {
    message: 'COURSE_FIRED needs a course',
    path: ['course'],
  });
export type KitchenEvent = z.infer<typeof kitchenEventSchema>;
