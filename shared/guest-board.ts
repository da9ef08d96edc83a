import { z } from 'zod';

/**
 * The guest order-ready board (`/board`): display numbers only — never a name, an item or a
 * channel — for the dining room or the pickup shelf.
 */
export const guestBoardSchema = z.object({
  /** The terminal's time of the board. */
  at: z.string(),
  /** Orders in the kitchen, oldest first. */
  preparing: z.array(z.object({ number: z.string() })),
  /** Orders ready (the bump that sent the platform ORDER_READY), newest first, until picked up or `readyMinutes` after. */
  ready: z.array(z.object({ number: z.string(), readyAt: z.string() })),
});
export type GuestBoard = z.infer<typeof guestBoardSchema>;

/** A number stays in Ready this long unless the order is picked up (completed) before. */
export const DEFAULT_BOARD_READY_MINUTES = 10;
