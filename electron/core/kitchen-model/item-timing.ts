import { cookTimeKey, type KitchenTiming } from '../../../shared/kitchen-timing';
import type { OrderItem } from '../../../shared/order-events';
import { ownProgress, WHOLE_TICKET, type KitchenState } from './kitchen-state';
import { stampTime } from './stamps';

/** When one line of a ticket should be started. */
export interface LineTiming {
  /** ms; null while its course waits for the one before it to be bumped. */
  startAt: number | null;
  /** The course whose bump it waits for (course pacing 'after-bump'), else null. */
  waitsForCourse: number | null;
}

export interface CourseFire {
  course: number;
  /** ms; null while it waits for the course before it to be bumped. */
  firesAt: number | null;
}

export interface TicketTiming {
  lines: Map<string, LineTiming>;
  /** Every course of the order after its first, with when it fires. */
  laterCourses: CourseFire[];
}

export interface TimingInput {
  /** Every line of the order (all stations: a ticket's items finish together across stations). */
  items: readonly OrderItem[];
  /** When the ticket was fired to the kitchen, ms. */
  fireAt: number;
  /** When the order was last modified (trusted), ms; lines it added or changed count their cook time from then. */
  modifiedAt: number | null;
  /** Lines added or changed by the last modification. */
  changedLines: ReadonlySet<string>;
  kitchen: KitchenState;
  settings: KitchenTiming;
}

/** Cook times by item name, from the terminal's settings. */
export function cookTimeTable(settings: KitchenTiming): ReadonlyMap<string, number> {
  return new Map(settings.cookTimes.map((entry) => [cookTimeKey(entry.name), entry.seconds]));
}

const tables = new WeakMap<KitchenTiming, ReadonlyMap<string, number>>();

/** A line's cook time: the event's `prepSeconds`, else the settings' table by item name, else null (unknown). */
export function cookSecondsOf(item: OrderItem, settings: KitchenTiming): number | null {
  let table = tables.get(settings);
  if (!table) tables.set(settings, (table = cookTimeTable(settings)));
  return item.prepSeconds ?? table.get(cookTimeKey(item.name)) ?? null;
}

const cookSeconds = (item: OrderItem, settings: KitchenTiming): number | undefined => cookSecondsOf(item, settings) ?? undefined;

/** When every line of a course counts as bumped (struck, its station bumped, or the whole ticket bumped), ms; null if one is not. */
function courseBumpedAt(lines: readonly OrderItem[], kitchen: KitchenState): number | null {
  const whole = ownProgress(kitchen, WHOLE_TICKET);
  let latest = 0;
  for (const line of lines) {
    const station = ownProgress(kitchen, line.station);
    const done = kitchen.doneAt?.get(line.lineId);
    const times = [
      done !== undefined ? Date.parse(done) : Infinity,
      station.bumped ? stampTime(station.bumpStamp) : Infinity,
      whole.bumped ? stampTime(whole.bumpStamp) : Infinity,
    ];
    const covered = Math.min(...times);
    if (covered === Infinity) return null;
    latest = Math.max(latest, covered);
  }
  return latest;
}

/**
 * Synchronized item timing and course pacing for one ticket (pure). The first course fires with
 * the ticket; each later one when the course before it is bumped ('after-bump') or a set time
 * after it fired ('after-minutes'), or at once when a cook fired it. Within a fired course, the
 * line with the longest cook time starts at once and the others so that all finish together; a
 * modification recomputes it: lines it added or changed count from the modification, and lines
 * not yet due move with the new finish time. Lines with no known cook time start when their
 * course fires. Returns null when neither feature is on.
 */
export function ticketTiming(input: TimingInput): TicketTiming | null {
  const { items, settings, kitchen } = input;
  if (!settings.itemTiming && settings.coursePacing === 'off') return null;
  const courses = [...new Set(items.map((item) => item.course))].sort((a, b) => a - b);
  const linesOf = (course: number) => items.filter((item) => item.course === course);
  const fires = new Map<number, number | null>();
  courses.forEach((course, index) => {
    const previous = courses[index - 1];
    let natural: number | null = input.fireAt;
    if (previous !== undefined && settings.coursePacing === 'after-bump') natural = courseBumpedAt(linesOf(previous), kitchen);
    if (previous !== undefined && settings.coursePacing === 'after-minutes') {
      const before = fires.get(previous) ?? null;
      natural = before === null ? null : before + settings.courseMinutes * 60_000;
    }
    const early = kitchen.courseFiredAt?.get(course);
    const candidates = [natural, early === undefined ? null : Math.max(input.fireAt, Date.parse(early))].filter(
      (time): time is number => time !== null,
    );
    fires.set(course, candidates.length === 0 ? null : Math.max(input.fireAt, Math.min(...candidates)));
  });

  const lines = new Map<string, LineTiming>();
  courses.forEach((course, index) => {
    const fire = fires.get(course) ?? null;
    const courseLines = linesOf(course);
    if (fire === null) {
      for (const line of courseLines) lines.set(line.lineId, { startAt: null, waitsForCourse: courses[index - 1] ?? null });
      return;
    }
    const base = (line: OrderItem) =>
      input.modifiedAt !== null && input.changedLines.has(line.lineId) ? Math.max(fire, input.modifiedAt) : fire;
    const timed = settings.itemTiming ? courseLines.filter((line) => cookSeconds(line, settings) !== undefined) : [];
    const finish = Math.max(fire, ...timed.map((line) => base(line) + (cookSeconds(line, settings) ?? 0) * 1000));
    for (const line of courseLines) {
      const seconds = settings.itemTiming ? cookSeconds(line, settings) : undefined;
      const startAt = seconds === undefined ? base(line) : Math.max(base(line), finish - seconds * 1000);
      lines.set(line.lineId, { startAt, waitsForCourse: null });
    }
  });
  return { lines, laterCourses: courses.slice(1).map((course) => ({ course, firesAt: fires.get(course) ?? null })) };
}
