import { z } from 'zod';

/**
 * A prep-time quote and what it was made of (docs/DESIGN.md §3, the kitchen's answers): shown on
 * expo before an acceptance and sent with it, so the platform sees why the kitchen said 18 minutes.
 */
export const MAX_PREP_MINUTES = 240;

export const prepQuoteStationSchema = z.object({
  station: z.string().min(1).max(64),
  /** How long the station's open work (in progress and held) keeps this order's lines from starting, spread over its cooks. */
  waitSeconds: z.number().int().nonnegative(),
  /** This order's own cook time at the station: its longest line (lines of one course cook side by side). */
  cookSeconds: z.number().int().nonnegative(),
  /** Open tickets and items at the station when quoted. */
  openTickets: z.number().int().nonnegative(),
  openItems: z.number().int().nonnegative(),
});

export const prepQuoteSchema = z.object({
  /** The quote in whole minutes (rounded up), 1 to MAX_PREP_MINUTES. */
  minutes: z.number().int().min(1).max(MAX_PREP_MINUTES),
  /** When it was computed (the terminal's trusted clock). */
  at: z.iso.datetime({ offset: true }),
  /** Every station with lines on the order. */
  stations: z.array(prepQuoteStationSchema).max(50),
  /** Lines with no known cook time (no prepSeconds and not in the cook-time table): counted with the default cook time. */
  itemsWithoutCookTime: z.number().int().nonnegative(),
});
export type PrepQuote = z.infer<typeof prepQuoteSchema>;
export type PrepQuoteStation = z.infer<typeof prepQuoteStationSchema>;
