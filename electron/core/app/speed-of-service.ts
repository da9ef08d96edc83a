import { toCsv } from '../../../shared/csv';
import type { SpeedOfService, TimeFigures } from '../../../shared/reports';
import type { BumpRow } from '../store/audit-trail';
import type { Storage } from '../store/storage';
import { fireTime } from '../kitchen-model/course-timing';
import { WHOLE_TICKET } from '../kitchen-model/kitchen-state';
import { stationFinishedAt, ticketFinishedAt } from '../kitchen-model/scope-overrides';
import { lastWriters, stampOf } from '../kitchen-model/stamps';

const DAY_MS = 24 * 3600_000;
const SLOT_MS = 15 * 60_000;

/** One finished ticket: an order's (station null) or one station's part of it. */
export interface TicketTime {
  orderId: string;
  displayNumber: string;
  channel: string | null;
  station: string | null;
  firedAt: number;
  bumpedAt: number;
  seconds: number;
}

/** p-th percentile by nearest rank (the value below which p of the tickets fall), null when there are none. */
export function nearestRank(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)] ?? null;
}

export function figures(times: readonly TicketTime[], lateSeconds: number): TimeFigures {
  const sorted = times.map((time) => time.seconds).sort((a, b) => a - b);
  return {
    tickets: sorted.length,
    p50Seconds: nearestRank(sorted, 0.5),
    p90Seconds: nearestRank(sorted, 0.9),
    late: sorted.filter((seconds) => seconds > lateSeconds).length,
  };
}

/** Local midnight of a `YYYY-MM-DD` day, `offset` days later. */
export function dayStart(day: string, offset = 0): number {
  const [year, month, date] = day.split('-').map(Number);
  return new Date(year ?? 1970, (month ?? 1) - 1, (date ?? 1) + offset).getTime();
}

export function localDay(time: number): string {
  const at = new Date(time);
  return `${at.getFullYear()}-${String(at.getMonth() + 1).padStart(2, '0')}-${String(at.getDate()).padStart(2, '0')}`;
}

/** The last word of each scope: its newest bump or recall (a recalled ticket is not finished until bumped again). */
function finalBumps(rows: readonly BumpRow[]): Map<string, Map<string, number>> {
  const newest = lastWriters(
    rows,
    (row) => `${row.order_id}\u0000${row.station ?? WHOLE_TICKET}`,
    (row) => stampOf({ occurredAt: row.occurred_at, eventId: row.event_id }),
  );
  const byOrder = new Map<string, Map<string, number>>();
  for (const row of newest.values()) {
    if (row.type !== 'TICKET_BUMPED') continue;
    let scopes = byOrder.get(row.order_id);
    if (!scopes) byOrder.set(row.order_id, (scopes = new Map()));
    scopes.set(row.station ?? WHOLE_TICKET, Date.parse(row.occurred_at));
  }
  return byOrder;
}

/** Orders read per slice: the core's thread goes back to tickets between slices (a few ms each on a busy week). */
const ORDERS_PER_SLICE = 500;
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Finished tickets fired in [from, to): orders (station null) and their stations' parts. */
export async function ticketTimes(storage: Storage, from: number, to: number): Promise<TicketTime[]> {
  // A ticket fired in the range may be bumped up to a day after it.
  const orderIds = storage.audit.bumpedBetween(new Date(from).toISOString(), new Date(to + DAY_MS).toISOString());
  const times: TicketTime[] = [];
  for (let start = 0; start < orderIds.length; start += ORDERS_PER_SLICE) {
    if (start > 0) await nextTurn();
    const ids = orderIds.slice(start, start + ORDERS_PER_SLICE);
    const finals = finalBumps(storage.audit.bumpsAndRecalls(ids));
    for (const order of storage.orders.ticketFacts(ids)) {
      const firedAt = Date.parse(fireTime(order.placedAt, order.dueAt));
      const scopes = finals.get(order.orderId);
      if (!scopes || firedAt < from || firedAt >= to) continue;
      const base = { orderId: order.orderId, displayNumber: order.displayNumber, channel: order.channel, firedAt };
      const time = (station: string | null, bumpedAt: number): TicketTime => ({
        ...base,
        station,
        bumpedAt,
        seconds: Math.max(0, (bumpedAt - firedAt) / 1000),
      });
      for (const station of order.stations) {
        const bumpedAt = stationFinishedAt(scopes, station);
        if (bumpedAt !== undefined) times.push(time(station, bumpedAt));
      }
      const orderDone = ticketFinishedAt(scopes, order.stations);
      if (orderDone !== undefined) times.push(time(null, orderDone));
    }
  }
  return times;
}

function groupBy(times: readonly TicketTime[], key: (time: TicketTime) => string, lateSeconds: number) {
  const groups = new Map<string, TicketTime[]>();
  for (const time of times) {
    const name = key(time);
    const group = groups.get(name);
    if (group) group.push(time);
    else groups.set(name, [time]);
  }
  return [...groups].sort(([a], [b]) => a.localeCompare(b)).map(([name, group]) => ({ key: name, ...figures(group, lateSeconds) }));
}

/**
 * Speed of service for a day against the 7 before it, from the stored log through indexed reads,
 * in slices so ticket updates are never held up for long.
 */
export async function speedOfService(
  storage: Storage,
  options: { day: string; warnMinutes: number; lateMinutes: number; retentionDays: number },
): Promise<Omit<SpeedOfService, 'computedInMs'>> {
  const { day, lateMinutes } = options;
  const lateSeconds = lateMinutes * 60;
  const todayFrom = dayStart(day);
  const todayTo = dayStart(day, 1);
  const all = await ticketTimes(storage, dayStart(day, -7), todayTo);
  const orders = all.filter((time) => time.station === null);
  const today = orders.filter((time) => time.firedAt >= todayFrom);
  const before = orders.filter((time) => time.firedAt < todayFrom);
  // One pass each: hours of the fire time, and 15-minute slots of the bump time (counted from local midnight).
  const byHourOf = (times: readonly TicketTime[]) => {
    const hours: TicketTime[][] = Array.from({ length: 24 }, () => []);
    for (const time of times) hours[new Date(time.firedAt).getHours()]?.push(time);
    return hours;
  };
  const todayByHour = byHourOf(today);
  const beforeByHour = byHourOf(before);
  const slots = new Array<number>(96).fill(0);
  for (const time of orders) {
    const slot = Math.floor((time.bumpedAt - todayFrom) / SLOT_MS);
    if (slot >= 0 && slot < 96 && time.bumpedAt < todayTo) slots[slot] = (slots[slot] ?? 0) + 1;
  }
  return {
    day,
    warnMinutes: options.warnMinutes,
    lateMinutes,
    retentionDays: options.retentionDays,
    today: figures(today, lateSeconds),
    lastSevenDays: { ...figures(before, lateSeconds), perDay: before.length / 7 },
    byStation: groupBy(
      all.filter((time) => time.station !== null && time.firedAt >= todayFrom),
      (time) => time.station ?? '',
      lateSeconds,
    ),
    byChannel: groupBy(today, (time) => time.channel ?? 'unknown', lateSeconds),
    byHour: Array.from({ length: 24 }, (_, hour) => ({
      hour,
      ...figures(todayByHour[hour] ?? [], lateSeconds),
      lastSevenDaysP50Seconds: figures(beforeByHour[hour] ?? [], lateSeconds).p50Seconds,
    })),
    throughput: slots.map((tickets, slot) => ({ start: new Date(todayFrom + slot * SLOT_MS).toISOString(), tickets })),
    lateTickets: today
      .filter((time) => time.seconds > lateSeconds)
      .sort((a, b) => b.seconds - a.seconds || a.orderId.localeCompare(b.orderId))
      .slice(0, 50)
      .map((time) => ({
        orderId: time.orderId,
        displayNumber: time.displayNumber,
        channel: time.channel,
        firedAt: new Date(time.firedAt).toISOString(),
        bumpedAt: new Date(time.bumpedAt).toISOString(),
        seconds: time.seconds,
      })),
  };
}

/** The day's tickets (orders and their stations' parts) as CSV. */
export async function speedOfServiceCsv(storage: Storage, day: string, lateMinutes: number): Promise<{ csv: string; rows: number }> {
  const times = (await ticketTimes(storage, dayStart(day), dayStart(day, 1))).sort(
    (a, b) => a.firedAt - b.firedAt || a.orderId.localeCompare(b.orderId),
  );
  const header = ['order_id', 'display_number', 'channel', 'station', 'fired_at', 'bumped_at', 'seconds', 'late'];
  const rows = times.map((time) => [
    time.orderId,
    time.displayNumber,
    time.channel,
    time.station ?? 'ALL',
    new Date(time.firedAt).toISOString(),
    new Date(time.bumpedAt).toISOString(),
    Math.round(time.seconds),
    time.seconds > lateMinutes * 60 ? 'yes' : 'no',
  ]);
  return { csv: toCsv(header, rows), rows: rows.length };
}
