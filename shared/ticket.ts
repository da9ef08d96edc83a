import { z } from 'zod';

/** What a kitchen screen shows for one order: the view model the core projects from SQLite. */
export const TICKET_STATUSES = ['NEW', 'IN_PROGRESS', 'READY', 'VOID', 'DONE'] as const;

export const ticketItemSchema = z.object({
  lineId: z.string(),
  name: z.string(),
  quantity: z.number().int(),
  station: z.string(),
  course: z.number().int(),
  modifiers: z.array(z.string()),
  notes: z.string(),
  allergens: z.array(z.string()),
  done: z.boolean(),
  /** NEW: added by the last update; CHANGED: quantity or modifiers differ from before. */
  change: z.enum(['NEW', 'CHANGED']).nullable(),
  /**
   * Item timing or course pacing on: when this line should be started (a screen greys it until
   * then and chimes when it comes forward). Null: start now, or it waits for a course (below).
   */
  startAt: z.string().nullable(),
  /** Course pacing: held until this course is bumped (no time known yet). */
  waitsForCourse: z.number().int().nullable(),
  /** Its cook time in seconds, when known and item timing is on. */
  cookSeconds: z.number().int().nullable(),
});

/** A course after the first, with when it fires (null: when the course before it is bumped). */
export const courseFireSchema = z.object({ course: z.number().int(), firesAt: z.string().nullable() });
export type CourseFire = z.infer<typeof courseFireSchema>;

/** How far one station is with its part of a ticket; expo screens show it per station. */
export const stationProgressSchema = z.object({
  station: z.string(),
  state: z.enum(['NEW', 'IN_PROGRESS', 'BUMPED']),
});

/**
 * The kitchen's answer to an order that carries an acceptance deadline (null: none expected).
 * WAITING: no screen of the kitchen answered yet; SENT: this terminal answered, and the kitchen's
 * first answer is not known yet (offline, or on its way through the topic); ACCEPTED/REJECTED: the
 * kitchen's first answer, on whichever screen it was given.
 */
export const acceptanceSchema = z.object({
  acceptBy: z.string(),
  state: z.enum(['WAITING', 'SENT', 'ACCEPTED', 'REJECTED']),
  /** The terminal whose answer counts (SENT: this one). */
  terminalId: z.string().nullable(),
  /** Accepted: the prep time promised (updated by PREP_TIME_UPDATED), and when the order is due ready by it. */
  prepMinutes: z.number().int().nullable(),
  readyBy: z.string().nullable(),
  reason: z.string().nullable(),
  /** This terminal answered too, after another screen's answer had already counted: its screen is told so. */
  overruled: z.boolean(),
  /** Accepted and behind: the prep time expo is proposed to send (minutes from now), or null. */
  proposedPrepMinutes: z.number().int().nullable(),
});
export type Acceptance = z.infer<typeof acceptanceSchema>;

export const ticketSchema = z.object({
  orderId: z.string(),
  displayNumber: z.string(),
  /** DINE_IN, TAKEOUT, DELIVERY, DRIVE_THRU, KIOSK, or a newer producer's value, shown as it comes. */
  channel: z.string().nullable(),
  table: z.string().nullable(),
  customerName: z.string().nullable(),
  notes: z.string().nullable(),
  /** NORMAL, RUSH, or a newer producer's value (sorted as NORMAL, shown as it comes). */
  priority: z.string(),
  status: z.enum(TICKET_STATUSES),
  placedAt: z.string(),
  fireAt: z.string(),
  items: z.array(ticketItemSchema),
  /** Items of the order beyond the most a ticket lists (shown as "+N more items"). */
  moreItems: z.number().int(),
  /** Every station with lines on this order (not only the terminal's own), in name order. */
  stations: z.array(stationProgressSchema),
  /** Lines removed by the last update, so a cook does not keep cooking them. */
  removedItems: z.array(z.string()),
  /** Course pacing on: the order's later courses and when each fires; a cook can fire a held one at once. */
  laterCourses: z.array(courseFireSchema),
  modified: z.boolean(),
  possiblyIncomplete: z.boolean(),
  paid: z.boolean(),
  alert: z.string().nullable(),
  cancelReason: z.string().nullable(),
  acceptance: acceptanceSchema.nullable(),
  /** Lines whose item the kitchen has 86'd (out of stock): flagged on the ticket. */
  unavailableLines: z.array(z.string()),
});

export type StationProgress = z.infer<typeof stationProgressSchema>;
export type TicketItem = z.infer<typeof ticketItemSchema>;
export type Ticket = z.infer<typeof ticketSchema>;

/** Screen order: rush first, then by fire time (oldest first), then by order id for stability. */
export function compareTickets(a: Ticket, b: Ticket): number {
  if (a.priority !== b.priority) return a.priority === 'RUSH' ? -1 : 1;
  return a.fireAt.localeCompare(b.fireAt) || a.orderId.localeCompare(b.orderId);
}
