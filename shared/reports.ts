import { z } from 'zod';

/**
 * What the reports screen shows: speed of service and an order's audit trail, computed by the
 * core from the terminal's own log of orders and kitchen events (within its retention window).
 */
export const dayInputSchema = z
  .object({
    /** A day of the kitchen's calendar (the terminal's time zone); absent: today. */
    day: z.iso.date().optional(),
  })
  .strict();

/** Ticket times of a group: p50 and p90 by nearest rank, in seconds; late: over the late threshold. */
export const timeFiguresSchema = z.object({
  tickets: z.number().int(),
  p50Seconds: z.number().nullable(),
  p90Seconds: z.number().nullable(),
  late: z.number().int(),
});
export type TimeFigures = z.infer<typeof timeFiguresSchema>;

export const groupFiguresSchema = timeFiguresSchema.extend({ key: z.string() });

export const lateTicketSchema = z.object({
  orderId: z.string(),
  displayNumber: z.string(),
  channel: z.string().nullable(),
  firedAt: z.string(),
  bumpedAt: z.string(),
  seconds: z.number(),
});

export const speedOfServiceSchema = z.object({
  day: z.string(),
  warnMinutes: z.number(),
  lateMinutes: z.number(),
  /** Orders completed and cancelled are kept this many days: figures reach no further back. */
  retentionDays: z.number().int(),
  /** A ticket is an order, fired to the kitchen until bumped at every station (or by expo). */
  today: timeFiguresSchema,
  /** The 7 days before `day`, all tickets together; `perDay` is their daily average count. */
  lastSevenDays: timeFiguresSchema.extend({ perDay: z.number() }),
  /** A station's part of a ticket, fired until that station (or expo) bumped it. */
  byStation: z.array(groupFiguresSchema),
  byChannel: z.array(groupFiguresSchema),
  /** Hour of the fire time (0–23) with today's figures and the last 7 days' p50 for the same hour. */
  byHour: z.array(timeFiguresSchema.extend({ hour: z.number().int(), lastSevenDaysP50Seconds: z.number().nullable() })),
  /** Tickets bumped per 15 minutes of the day (96 slots, from midnight). */
  throughput: z.array(z.object({ start: z.string(), tickets: z.number().int() })),
  /** Today's late tickets, slowest first (at most 50). */
  lateTickets: z.array(lateTicketSchema),
  /** How long the figures took to compute, ms (they run on the core's thread, never the screen's). */
  computedInMs: z.number(),
});
export type SpeedOfService = z.infer<typeof speedOfServiceSchema>;

export const AUDIT_KINDS = [
  'RECEIVED',
  'SHOWN',
  'TICKET_STARTED',
  'ITEM_DONE',
  'ITEM_UNDONE',
  'TICKET_BUMPED',
  'TICKET_RECALLED',
  'VOID_ACKNOWLEDGED',
  'COURSE_FIRED',
] as const;

export const auditEntrySchema = z.object({
  /** When it happened: the order event's time (never after it reached this terminal), or the acting terminal's clock. */
  at: z.string(),
  kind: z.string(),
  label: z.string(),
  /** The terminal that did it (this one for receipts and shows); null for the platform's order events. */
  terminalId: z.string().nullable(),
  station: z.string().nullable(),
  /** Where a record was read from (topic, partition, offset). */
  detail: z.string().nullable(),
  /** When it reached this terminal, if that was much later than it happened (this terminal or the acting one was offline). */
  arrivedAt: z.string().nullable(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

export const auditMatchSchema = z.object({
  orderId: z.string(),
  displayNumber: z.string(),
  placedAt: z.string().nullable(),
  status: z.string(),
});
export type AuditMatch = z.infer<typeof auditMatchSchema>;

export const auditTimelineSchema = z.object({
  order: auditMatchSchema,
  entries: z.array(auditEntrySchema),
});
export type AuditTimeline = z.infer<typeof auditTimelineSchema>;
