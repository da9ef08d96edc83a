import { z } from 'zod';

/**
 * How a kitchen answers the platform (docs/DESIGN.md §3, "the kitchen's answers"): which bump
 * says the order is ready, channels accepted without a tap, the load-aware quote's parameters,
 * and when the kitchen running behind its promise proposes (or sends) a new prep time.
 */
export const kitchenAnswersSchema = z
  .object({
    /** ORDER_READY from expo's bump, or — in a kitchen without expo — from the bump of the order's last station. Never from a timer. */
    readyFrom: z.enum(['expo', 'stations']).default('expo'),
    /** Channels whose orders with a deadline this terminal accepts at once with its quote (e.g. ["KIOSK"]). */
    autoAcceptChannels: z.array(z.string().min(1).max(64)).max(20).default([]),
    /** Cooks working side by side at each station: a station's queue is spread over them. */
    cooksPerStation: z.number().int().min(1).max(20).default(2),
    /** Cook time assumed for a line with none known (no prepSeconds, not in the cook-time table), in seconds. */
    defaultCookSeconds: z.number().int().min(0).max(3600).default(300),
    /** Expo's check and bagging after the last station, in seconds. */
    expoSeconds: z.number().int().min(0).max(1800).default(60),
    /** Behind the promised ready time by more than this: a new prep time is proposed to expo (or sent, below). */
    behindMinutes: z.number().int().min(1).max(60).default(5),
    autoUpdatePrepTime: z.boolean().default(false),
    /** Pausing the kitchen from the status bar asks for the diagnostics PIN. */
    pausePin: z.boolean().default(false),
  })
  .strict();
export type KitchenAnswers = z.output<typeof kitchenAnswersSchema>;

export const DEFAULT_KITCHEN_ANSWERS: KitchenAnswers = kitchenAnswersSchema.parse({});
