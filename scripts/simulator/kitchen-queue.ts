import type { OrderItem, OrderSnapshot } from '../../shared/order-events';
import { simulatedSnapshot } from './order-simulator';
import { seededRandom } from './random';
import { HOURLY_SHARE } from './service-simulator';

/** One line as the rush-day kitchen cooked it (ms). */
export interface QueuedLine {
  station: string;
  course: number;
  /** What the terminal knows of its cook time (the event's prepSeconds), null when it knows none. */
  cookSeconds: number | null;
  /** When synchronized timing let a cook take it (its course fired, and its wait to finish with the longest line). */
  queuedAt: number;
  startedAt: number;
  finishedAt: number;
  /** How long its cook really took: the menu's cook time times a noisy factor. */
  actualMs: number;
}

export interface QueuedOrder {
  orderId: string;
  placedAt: number;
  snapshot: OrderSnapshot;
  lines: QueuedLine[];
  /** Expo's bump: the real ready time. */
  readyAt: number;
}

/** Open work per station, in the shape the core's kitchen load reports it. */
export interface QueueLoad {
  station: string;
  openTickets: number;
  openItems: number;
  remainingCookSeconds: number;
  itemsWithoutCookTime: number;
}

export interface RushDay {
  /** In the order they were placed. */
  orders: QueuedOrder[];
  /** What each station has open at `at`: orders placed before it, lines not finished (held ones too). */
  loadAt(at: number): QueueLoad[];
}

export interface RushDayOptions {
  orders: number;
  cooksPerStation: number;
  seed?: number;
  /** Share of lines whose event carries no prepSeconds (the cooks still take their real time). */
  unknownCookTimeShare?: number;
}

/** A rough log-normal around 1: most lines near their cook time, a tail of slow ones. */
function noise(random: () => number, sigma: number): number {
  const normal = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  return Math.exp(sigma * normal);
}

/** Things that happen, in time order; ties keep the order they were scheduled in. */
class Agenda {
  private readonly entries: { at: number; run: () => void }[] = [];
  schedule(at: number, run: () => void): void {
    let index = this.entries.length;
    while (index > 0 && (this.entries[index - 1]?.at ?? 0) > at) index -= 1;
    this.entries.splice(index, 0, { at, run });
  }
  runAll(): void {
    for (let entry = this.entries.shift(); entry; entry = this.entries.shift()) entry.run();
  }
}

const SERVICE_DAY = Date.UTC(2026, 10, 23);

/** Orders of one rush day: the service simulator's hourly shape, a random instant in each hour. */
function placements(random: () => number, count: number): number[] {
  const totalShare = Object.values(HOURLY_SHARE).reduce((sum, share) => sum + share, 0);
  return Object.entries(HOURLY_SHARE)
    .flatMap(([hour, share]) =>
      Array.from({ length: Math.round((count * share) / totalShare) }, () => SERVICE_DAY + (Number(hour) + random()) * 3600_000),
    )
    .map(Math.round)
    .sort((a, b) => a - b);
}

/**
 * One rush day in a kitchen that queues (the service simulator has no queue: there, load cannot
 * matter). Each station has a few cooks taking lines first come, first served, each for the
 * menu's cook time times a noisy factor. An order's first course fires when placed, each later
 * one when the course before it is finished; within a course, synchronized timing holds the
 * shorter lines back so all finish together. Expo bumps after the last line plus a short check.
 */
export function simulateRushDay(options: RushDayOptions): RushDay {
  const random = seededRandom(options.seed ?? 11);
  const agenda = new Agenda();
  const freeCooks = new Map<string, number>();
  const queues = new Map<string, { line: QueuedLine; done: () => void }[]>();

  const startWork = (station: string, now: number): void => {
    const queue = queues.get(station) ?? [];
    let free = freeCooks.get(station) ?? options.cooksPerStation;
    for (let next = free > 0 ? queue.shift() : undefined; next; next = free > 0 ? queue.shift() : undefined) {
      free -= 1;
      const { line, done } = next;
      line.startedAt = now;
      line.finishedAt = Math.round(now + line.actualMs);
      agenda.schedule(line.finishedAt, () => {
        freeCooks.set(station, (freeCooks.get(station) ?? 0) + 1);
        done();
        startWork(station, line.finishedAt);
      });
    }
    freeCooks.set(station, free);
  };

  const orders = placements(random, options.orders).map((placedAt, index): QueuedOrder => {
    const snapshot = simulatedSnapshot(random, index + 1);
    const unknown = options.unknownCookTimeShare ?? 0;
    const items: OrderItem[] = snapshot.items.map((item) => (random() < unknown ? { ...item, prepSeconds: undefined } : item));
    // Real cook times come from the menu even when the event does not carry them.
    const lines = items.map((item, lineIndex): QueuedLine => {
      const menuSeconds = snapshot.items[lineIndex]?.prepSeconds ?? 0;
      return {
        station: item.station,
        course: item.course,
        cookSeconds: item.prepSeconds ?? null,
        queuedAt: NaN,
        startedAt: NaN,
        finishedAt: Infinity,
        actualMs: menuSeconds * noise(random, 0.3) * 1000,
      };
    });
    const order: QueuedOrder = { orderId: `rush-${index + 1}`, placedAt, snapshot: { ...snapshot, items }, lines, readyAt: Infinity };
    const courses = [...new Set(lines.map((line) => line.course))].sort((a, b) => a - b);
    const expoCheckMs = (15 + random() * 45) * 1000;

    const fire = (courseIndex: number, at: number): void => {
      const course = courses[courseIndex];
      if (course === undefined) {
        order.readyAt = Math.round(at + expoCheckMs);
        return;
      }
      const fired = lines.filter((line) => line.course === course);
      const longest = Math.max(...fired.map((line) => line.cookSeconds ?? 0));
      let unfinished = fired.length;
      const lineDone = (line: QueuedLine) => {
        unfinished -= 1;
        if (unfinished === 0) fire(courseIndex + 1, line.finishedAt);
      };
      for (const line of fired) {
        // Synchronized timing, as the terminal plans it: a line with no known cook time starts at once.
        line.queuedAt = at + (line.cookSeconds === null ? 0 : (longest - line.cookSeconds) * 1000);
        agenda.schedule(line.queuedAt, () => {
          const queue = queues.get(line.station) ?? [];
          queues.set(line.station, queue);
          queue.push({ line, done: () => lineDone(line) });
          startWork(line.station, line.queuedAt);
        });
      }
    };
    agenda.schedule(placedAt, () => fire(0, placedAt));
    return order;
  });
  agenda.runAll();
  return { orders, loadAt: (at) => loadAt(orders, at) };
}

/** What each station has open at `at`, as the core's kitchen load counts it; lines of courses not fired yet are held, so counted. */
function loadAt(orders: readonly QueuedOrder[], at: number): QueueLoad[] {
  const loads = new Map<string, QueueLoad>();
  for (const order of orders) {
    if (order.placedAt >= at) continue;
    const openStations = new Set(order.lines.filter((line) => line.finishedAt > at).map((line) => line.station));
    for (const station of openStations) {
      let load = loads.get(station);
      if (!load) loads.set(station, (load = { station, openTickets: 0, openItems: 0, remainingCookSeconds: 0, itemsWithoutCookTime: 0 }));
      load.openTickets += 1;
      for (const line of order.lines) {
        if (line.station !== station || line.finishedAt <= at) continue;
        load.openItems += 1;
        load.remainingCookSeconds += line.cookSeconds ?? 0;
        if (line.cookSeconds === null) load.itemsWithoutCookTime += 1;
      }
    }
  }
  return [...loads.values()].sort((a, b) => a.station.localeCompare(b.station));
}
