import { z } from 'zod';
import { MAX_PREP_MINUTES, prepQuoteSchema } from './prep-quote';

/**
 * Kitchen events (docs/DESIGN.md §3): what cooks did, produced by terminals to
 * `<env>.kitchen-events` (key orderId, header merchant-id) and consumed by every terminal of
 * the merchant, so the screens of one kitchen agree.
 */
/**
 * What the platform reads of this topic (docs/DESIGN.md §3, "the kitchen's answers"). The ones
 * decided once per order (shown, accepted/rejected, ready) are published by exactly one terminal:
 * the one whose claim (ORDER_ANSWERED, TICKET_RENDERED) or finishing bump came first in the
 * topic's order, after reading it back. 86 and pause are published by the terminal that made them.
 */
const PLATFORM_SIGNALS = [
  'TICKET_SHOWN',
  'ORDER_ACCEPTED',
  'ORDER_REJECTED',
  'PREP_TIME_UPDATED',
  'ORDER_READY',
  'ITEM_AVAILABILITY',
  'KITCHEN_PAUSED',
  'KITCHEN_RESUMED',
] as const;
export const PLATFORM_SIGNAL_TYPES: readonly PlatformSignalType[] = PLATFORM_SIGNALS;
export type PlatformSignalType = (typeof PLATFORM_SIGNALS)[number];

export function isPlatformSignal(type: string): type is PlatformSignalType {
  return (PLATFORM_SIGNALS as readonly string[]).includes(type);
}

/** Kitchen-wide events (86, pause) carry this key instead of an order id: one partition keeps them in order. */
export function kitchenKey(merchantId: string): string {
  return `kitchen:${merchantId}`;
}

/** What cooks do on tickets: the kitchen state every screen shows (and what kitchen peers send each other on the LAN). */
export const COOK_ACTION_TYPES = [
  'TICKET_STARTED',
  'TICKET_BUMPED',
  'TICKET_RECALLED',
  'ITEM_DONE',
  'ITEM_UNDONE',
  'VOID_ACKNOWLEDGED',
  'COURSE_FIRED',
] as const;

export const KITCHEN_EVENT_TYPES = [
  ...COOK_ACTION_TYPES,
  // Claims: a terminal's bid for a decision the kitchen makes once; the first in the topic's order wins.
  'ORDER_ANSWERED',
  'TICKET_RENDERED',
  // The kitchen's answers to the platform (PLATFORM_SIGNAL_TYPES).
  ...PLATFORM_SIGNALS,
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
    /** ORDER_ANSWERED: the kitchen's answer. */
    answer: z.enum(['ACCEPTED', 'REJECTED']).optional(),
    /** ORDER_ANSWERED (accepted), ORDER_ACCEPTED, PREP_TIME_UPDATED: minutes from the answer until the order is ready. */
    prepMinutes: z.number().int().min(1).max(MAX_PREP_MINUTES).optional(),
    /** ORDER_ANSWERED (accepted), ORDER_ACCEPTED, PREP_TIME_UPDATED: the kitchen's load-aware quote and its inputs. */
    quote: prepQuoteSchema.optional(),
    /** ORDER_ANSWERED (rejected), ORDER_REJECTED: why. */
    reason: text(500).optional(),
    /** ORDER_ANSWERED (rejected), ORDER_REJECTED: the order's lines the kitchen is out of. */
    outOfStock: z
      .array(z.object({ lineId: text(64), name: text(200) }))
      .max(200)
      .optional(),
    /** A signal decided once (TICKET_SHOWN, ORDER_ACCEPTED/REJECTED, ORDER_READY): the claim or bump it was decided from. */
    signalOf: text(128).optional(),
    /** ITEM_AVAILABILITY: the item as the platform names it on orders. */
    item: text(200).optional(),
    available: z.boolean().optional(),
    /** ITEM_AVAILABILITY (unavailable), KITCHEN_PAUSED: until when; absent: until said otherwise. */
    until: z.iso.datetime({ offset: true }).optional(),
    occurredAt: z.iso.datetime({ offset: true }),
  })
  .refine((event) => (event.type !== 'ITEM_DONE' && event.type !== 'ITEM_UNDONE') || event.lineId !== undefined, {
    message: 'ITEM_DONE and ITEM_UNDONE need a lineId',
    path: ['lineId'],
  })
  .refine((event) => event.type !== 'COURSE_FIRED' || event.course !== undefined, {
    message: 'COURSE_FIRED needs a course',
    path: ['course'],
  })
  .refine((event) => event.type !== 'ORDER_ANSWERED' || event.answer !== undefined, {
    message: 'ORDER_ANSWERED needs an answer',
    path: ['answer'],
  })
  .refine((event) => !['ORDER_ACCEPTED', 'PREP_TIME_UPDATED'].includes(event.type) || event.prepMinutes !== undefined, {
    message: 'ORDER_ACCEPTED and PREP_TIME_UPDATED need prepMinutes',
    path: ['prepMinutes'],
  })
  .refine((event) => event.type !== 'ITEM_AVAILABILITY' || (event.item !== undefined && event.available !== undefined), {
    message: 'ITEM_AVAILABILITY needs an item and available',
    path: ['item'],
  });
export type KitchenEvent = z.infer<typeof kitchenEventSchema>;
