import { z } from 'zod';

/**
 * A terminal's health as the platform's fleet service reads it (docs/DESIGN.md §3): published by
 * every terminal to the compacted topic `<env>.kds-terminal-health` (key `<merchantId>/<terminalId>`,
 * header merchant-id) every 30 s and at once on a change of state, and `state: "stopped"` on a
 * clean shutdown — so a terminal that goes silent without it is silent, not stopped. Bounded: the
 * lists are capped, texts are short, and nothing secret is in it (no address, password or path).
 */
export const HEALTH_INTERVAL_MS = 30_000;
export const MAX_HEALTH_PARTITIONS = 64;
export const MAX_HEALTH_FAULTS = 10;

const shortText = (max: number) => z.string().max(max);
const iso = z.iso.datetime({ offset: true });

export const terminalHealthSchema = z.object({
  merchantId: z.string().min(1).max(128),
  terminalId: z.string().min(1).max(128),
  version: shortText(32),
  /** filter: reads every partition and skips other merchants; routed: its merchant's partitions only. */
  mode: z.enum(['filter', 'routed']),
  /** running, or stopped on a clean shutdown (its last record until it starts again). */
  state: z.enum(['running', 'stopped']),
  /** When this record was made (the terminal's clock). */
  at: iso,
  connection: z.object({ state: z.enum(['connecting', 'online', 'offline', 'refused']), since: iso }),
  consumer: z.object({ state: z.enum(['starting', 'running', 'reconnecting', 'refused', 'stopped']), since: iso }),
  lag: z.object({
    /** Null: some partition's lag is not known (its log end not seen yet). */
    total: z.number().int().nonnegative().nullable(),
    partitions: z
      .array(z.object({ partition: z.number().int().nonnegative(), lag: z.number().int().nonnegative().nullable() }))
      .max(MAX_HEALTH_PARTITIONS),
  }),
  /** How long the oldest order event this terminal has not applied has waited, in seconds (null: none waits, or not known). */
  oldestUnappliedSeconds: z.number().nonnegative().nullable(),
  outbox: z.object({ pending: z.number().int().nonnegative(), oldestAt: iso.nullable() }),
  retryDepth: z.number().int().nonnegative(),
  parked: z.number().int().nonnegative(),
  deadLetters: z.object({ count: z.number().int().nonnegative(), lastReason: shortText(200).nullable() }),
  /** Open log notices (a recreated topic, records lost to retention) staff have not acknowledged. */
  openNotices: z.number().int().nonnegative(),
  /** The largest difference seen between the platform's clock and the terminal's, ms (positive: the platform ahead). */
  largestClockSkewMs: z.number().nullable(),
  faults: z.array(z.object({ loop: shortText(64), since: iso })).max(MAX_HEALTH_FAULTS),
  /** The last time a screen of this terminal rendered a ticket for the first time. */
  lastTicketShownAt: iso.nullable(),
  /** Screens paired with this terminal's web host (null: this terminal serves no screens over the web). */
  screensPaired: z.number().int().nonnegative().nullable(),
});
export type TerminalHealth = z.infer<typeof terminalHealthSchema>;

/** The health topic's key for a terminal. */
export function healthKey(merchantId: string, terminalId: string): string {
  return `${merchantId}/${terminalId}`;
}

/** The compacted topic every terminal of an environment reports to. */
export function healthTopic(env: string): string {
  return `${env}.kds-terminal-health`;
}
