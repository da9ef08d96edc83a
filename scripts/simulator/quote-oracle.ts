import { quoteLinesOf, quotePrep } from '../../electron/core/kitchen-model/prep-quote';
import { DEFAULT_KITCHEN_ANSWERS } from '../../shared/kitchen-answers';
import { DEFAULT_KITCHEN_TIMING } from '../../shared/kitchen-timing';
import { simulateRushDay, type RushDayOptions } from './kitchen-queue';

/** How far a way of quoting was from the real ready times, in minutes. */
export interface QuoteError {
  median: number;
  p90: number;
}

export interface OracleFigures {
  orders: number;
  /** Real ready time after placement, minutes. */
  ready: QuoteError;
  loadAware: QuoteError;
  /** The same model told the kitchen is empty: what the load adds. */
  withoutLoad: QuoteError;
  /** The sum of the order's cook times. */
  naive: QuoteError;
  fixed15: QuoteError;
}

/** The value at a share of the sorted values (nearest rank). */
function percentile(values: readonly number[], share: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(share * sorted.length) - 1))] ?? NaN;
}

const summary = (values: readonly number[]): QuoteError => ({ median: percentile(values, 0.5), p90: percentile(values, 0.9) });

/**
 * The quote's oracle: one rush day in a kitchen that queues, each order quoted when placed from
 * the load the kitchen had then (as the core's kitchen load reports it), against when expo really
 * bumped it — and the same for a naive quote (the order's cook times added up) and a fixed one.
 * The quote is given the kitchen's real number of cooks, as a terminal would be configured.
 */
export function measurePrepQuotes(options: RushDayOptions): OracleFigures {
  const day = simulateRushDay(options);
  const settings = { ...DEFAULT_KITCHEN_ANSWERS, cooksPerStation: options.cooksPerStation };
  const ready: number[] = [];
  const errors = { loadAware: [] as number[], withoutLoad: [] as number[], naive: [] as number[], fixed15: [] as number[] };
  for (const order of day.orders) {
    const readyMinutes = (order.readyAt - order.placedAt) / 60_000;
    const lines = quoteLinesOf(order.snapshot.items, DEFAULT_KITCHEN_TIMING);
    const quoted = (load: ReturnType<typeof day.loadAt>) => quotePrep({ now: order.placedAt, lines, load, settings }).minutes;
    const naiveSeconds = lines.reduce((sum, line) => sum + (line.cookSeconds ?? settings.defaultCookSeconds), 0);
    ready.push(readyMinutes);
    errors.loadAware.push(Math.abs(quoted(day.loadAt(order.placedAt)) - readyMinutes));
    errors.withoutLoad.push(Math.abs(quoted([]) - readyMinutes));
    errors.naive.push(Math.abs(Math.max(1, Math.ceil(naiveSeconds / 60)) - readyMinutes));
    errors.fixed15.push(Math.abs(15 - readyMinutes));
  }
  return {
    orders: day.orders.length,
    ready: summary(ready),
    loadAware: summary(errors.loadAware),
    withoutLoad: summary(errors.withoutLoad),
    naive: summary(errors.naive),
    fixed15: summary(errors.fixed15),
  };
}

const minutes = (value: number) => `${value.toFixed(1)} min`;

/** One quotable line: each way of quoting's median and p90 absolute error. */
export function oracleLine(figures: OracleFigures): string {
  const error = (name: string, { median, p90 }: QuoteError) => `${name} ${minutes(median)} (p90 ${minutes(p90)})`;
  return (
    `prep-quote oracle, ${figures.orders} orders, median absolute error: ` +
    [error('load-aware', figures.loadAware), error('naive sum', figures.naive), error('fixed 15', figures.fixed15)].join(', ')
  );
}
