import type { KitchenAnswers } from '../../../shared/kitchen-answers';
import type { KitchenTiming } from '../../../shared/kitchen-timing';
import type { OrderItem } from '../../../shared/order-events';
import { MAX_PREP_MINUTES, type PrepQuote, type PrepQuoteStation } from '../../../shared/prep-quote';
import { cookSecondsOf } from './item-timing';

/** One line of the order being quoted: where it cooks, in which course, and for how long (null: not known). */
export interface QuoteLine {
  station: string;
  course: number;
  cookSeconds: number | null;
}

/** What a station still has to cook, in the shape the core's kitchen load reports it. */
export interface StationLoad {
  station: string;
  openTickets: number;
  openItems: number;
  remainingCookSeconds: number;
  itemsWithoutCookTime: number;
}

export type QuoteSettings = Pick<KitchenAnswers, 'cooksPerStation' | 'defaultCookSeconds' | 'expoSeconds'>;

export interface QuoteInput {
  /** When the quote is made, ms (the terminal's trusted clock). */
  now: number;
  lines: readonly QuoteLine[];
  load: readonly StationLoad[];
  settings: QuoteSettings;
}

/** The quote's lines for an order's items, their cook times as item timing reads them. */
export function quoteLinesOf(items: readonly OrderItem[], timing: KitchenTiming): QuoteLine[] {
  return items.map((item) => ({ station: item.station, course: item.course, cookSeconds: cookSecondsOf(item, timing) }));
}

/** prepQuoteSchema's limit on the stations a quote lists. */
const MAX_LISTED_STATIONS = 50;

/**
 * A station's wait, from what the kitchen load tells (totals, not a queue): its open items
 * beyond one per cook, at their average cook time (unknown ones at the default), spread over its
 * cooks. Up to one open item per cook is on a burner already, half done on average, and the first
 * to finish frees a cook: counting those in full would quote a busy kitchen long. Lines held for a
 * later course are counted as waiting too; the load cannot tell them apart.
 */
function waitSecondsOf(load: StationLoad | undefined, settings: QuoteSettings): number {
  if (!load || load.openItems === 0) return 0;
  const work = load.remainingCookSeconds + load.itemsWithoutCookTime * settings.defaultCookSeconds;
  const waiting = Math.max(0, load.openItems - settings.cooksPerStation);
  return Math.ceil(((work / load.openItems) * waiting) / settings.cooksPerStation);
}

/**
 * The kitchen's load-aware prep-time quote (docs/DESIGN.md §3, the kitchen's answers), pure and
 * explainable from what it returns. Course by course: a course's lines start at their station
 * once the course before is done and the station's wait is over, and cook side by side
 * (synchronized timing: the course takes its longest line). The order is ready when its last
 * course is done, plus expo's check. Each station is listed with its wait, the order's own cook
 * time there (its courses' longest lines, one after the other) and its open tickets and items.
 */
export function quotePrep(input: QuoteInput): PrepQuote {
  const { settings } = input;
  const cookOf = (line: QuoteLine) => line.cookSeconds ?? settings.defaultCookSeconds;
  const loads = new Map(input.load.map((load) => [load.station, load]));
  const stationNames = [...new Set(input.lines.map((line) => line.station))].sort((a, b) => a.localeCompare(b));
  const stations: PrepQuoteStation[] = stationNames.map((station) => {
    const longestPerCourse = new Map<number, number>();
    for (const line of input.lines)
      if (line.station === station) longestPerCourse.set(line.course, Math.max(longestPerCourse.get(line.course) ?? 0, cookOf(line)));
    const load = loads.get(station);
    return {
      station,
      waitSeconds: waitSecondsOf(load, settings),
      cookSeconds: Math.ceil([...longestPerCourse.values()].reduce((sum, seconds) => sum + seconds, 0)),
      openTickets: load?.openTickets ?? 0,
      openItems: load?.openItems ?? 0,
    };
  });
  const waits = new Map(stations.map((station) => [station.station, station.waitSeconds]));
  const courses = [...new Set(input.lines.map((line) => line.course))].sort((a, b) => a - b);
  let doneAt = 0;
  for (const course of courses) {
    const lines = input.lines.filter((line) => line.course === course);
    doneAt = Math.max(...lines.map((line) => Math.max(doneAt, waits.get(line.station) ?? 0) + cookOf(line)));
  }
  const minutes = Math.ceil((doneAt + settings.expoSeconds) / 60);
  // An order across more stations than a quote lists shows its slowest ones.
  const listed =
    stations.length <= MAX_LISTED_STATIONS
      ? stations
      : [...stations]
          .sort((a, b) => b.waitSeconds + b.cookSeconds - (a.waitSeconds + a.cookSeconds))
          .slice(0, MAX_LISTED_STATIONS)
          .sort((a, b) => a.station.localeCompare(b.station));
  return {
    minutes: Math.min(MAX_PREP_MINUTES, Math.max(1, minutes)),
    at: new Date(input.now).toISOString(),
    stations: listed,
    itemsWithoutCookTime: input.lines.filter((line) => line.cookSeconds === null).length,
  };
}
