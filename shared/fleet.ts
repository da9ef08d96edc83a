import { z } from 'zod';
import { terminalHealthSchema } from './terminal-health';

/**
 * What the fleet service (`npm run fleet`) serves its page: the terminals of an environment from
 * their health records, worst first. One schema; the service validates what it sends, the page
 * parses what it receives.
 */
export const FLEET_STATUSES = ['stopped', 'ok', 'warning', 'trouble', 'offline', 'silent'] as const;
export type FleetStatus = (typeof FLEET_STATUSES)[number];

export const fleetSampleSchema = z.object({
  at: z.string(),
  online: z.boolean(),
  totalLag: z.number().nullable(),
  outboxPending: z.number(),
  deadLetters: z.number(),
  unseenOrders: z.number(),
});
export type FleetSample = z.infer<typeof fleetSampleSchema>;

export const fleetTerminalSchema = z.object({
  /** `<merchantId>/<terminalId>`, the health topic's key. */
  key: z.string(),
  merchantId: z.string(),
  terminalId: z.string(),
  status: z.enum(FLEET_STATUSES),
  /** What is wrong, in words a platform's support can act on ("lag 1,240 and rising for 6 min"); empty when all is well. */
  problems: z.array(z.string()),
  /** Higher is worse: the page sorts by it. */
  trouble: z.number(),
  /** When the last health record was made, and how long ago the service received it. */
  lastHealthAt: z.string().nullable(),
  secondsSinceHealth: z.number().nullable(),
  /** Orders placed for this terminal's merchant and not shown on any screen of the kitchen within 60 s. */
  unseenOrders: z.number().int(),
  health: terminalHealthSchema.nullable(),
});
export type FleetTerminal = z.infer<typeof fleetTerminalSchema>;

export const fleetViewSchema = z.object({
  at: z.string(),
  totals: z.object({
    terminals: z.number().int(),
    byStatus: z.record(z.enum(FLEET_STATUSES), z.number().int()),
    unseenOrders: z.number().int(),
  }),
  /** Merchants with at least one terminal (for the filter), at most 1,000, worst first. */
  merchants: z.array(z.string()),
  /** The worst terminals first (of the merchant asked for, if any), at most `limit`. */
  terminals: z.array(fleetTerminalSchema),
});
export type FleetView = z.infer<typeof fleetViewSchema>;

/** One terminal with its last hour, one sample a minute. */
export const fleetTerminalDetailSchema = z.object({ terminal: fleetTerminalSchema, history: z.array(fleetSampleSchema) });
export type FleetTerminalDetail = z.infer<typeof fleetTerminalDetailSchema>;
