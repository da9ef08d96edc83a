import { toCsv } from '../../../shared/csv';
import type { SpeedOfService, TimeFigures } from '../../../shared/reports';
import type { BumpRow } from '../store/audit-log';
import type { Storage } from '../store/storage';
import { WHOLE_TICKET } from '../store/kitchen-state';
import { fireTimeOf } from '../tickets/project-ticket';

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
  const newest = new Map<string, BumpRow>();
  for (const row of rows) {
    const key = `${row.order_id}\u0000${row.station ?? WHOLE_TICKET}`;
    const known = newest.get(key);
    if (!known || `${row.occurred_at}|${row.event_id}` > `${known.occurred_at}|${known.event_id}`) newest.set(key, row);
  }
  const byOrder = new Map<string, Map<string, number>>();
  for (const row of newest.values()) {
    if (row.type !== 'TICKET_BUMPED') continue;
    let scopes = byOrder.get(row.order_id);
    if (!scopes) byOrder.set(row.order_id, (scopes = new Map()));
    scopes.set(row.station ?? WHOLE_TICKET, Date.parse(row.occurred_at));
  }
  return byOrder;
}

/** Finished tickets fired in [from, to): orders (station null) and their stations' parts. */
export function ticketTimes(storage: Storage, from: number, to: number): TicketTime[] {
  // A ticket fired in the range may be bumped up to a day after it.
  const orderIds = storage.audit.bumpedBetween(new Date(from).toISOString(), new Date(to + DAY_MS).toISOString());
  const times: TicketTime[] = [];
  for (let start = 0; start < orderIds.length; start += 500) {
    const ids = orderIds.slice(start, start + 500);
    const finals = finalBumps(storage.audit.bumpsAndRecalls(ids));
    for (const order of storage.orders.many(ids)) {
      const firedAt = Date.parse(fireTimeOf(order));
      const scopes = finals.get(order.orderId);
      if (!scopes || firedAt < from || firedAt >= to || !order.snapshot) continue;
      const whole = scopes.get(WHOLE_TICKET);
      const stations = [...new Set(order.snapshot.items.map((item) => item.station))];
      const base = { orderId: order.orderId, displayNumber: order.snapshot.displayNumber, channel: order.snapshot.channel, firedAt };
      const time = (station: string | null, bumpedAt: number): TicketTime => ({
        ...base,
        station,
        bumpedAt,
        seconds: Math.max(0, (bumpedAt - firedAt) / 1000),
      });
      const stationBumps = stations.map((station) => [station, scopes.get(station) ?? whole] as const);
      for (const [station, bumpedAt] of stationBumps) if (bumpedAt !== undefined) times.push(time(station, bumpedAt));
      const orderDone =
        whole ?? (stationBumps.every(([, at]) => at !== undefined) ? Math.max(...stationBumps.map(([, at]) => at ?? 0)) : undefined);
      if (orderDone !== undefined) times.push(time(null, orderDone));
    }
  }
  return times;
}

function groupBy(times: readonly TicketTime[], key: (time: TicketTime) => string, lateSeconds: number) {
  const groups = new Map<string, TicketTime[]>();
  for (const time of times) {
    const name = key(time);
    groups.set(name, [...(groups.get(name) ?? []), time]);
  }
  return [...groups].sort(([a], [b]) => a.localeCompare(b)).map(([name, group]) => ({ key: name, ...figures(group, lateSeconds) }));
}

/** Speed of service for a day against the 7 before it (pure over the stored log; indexed reads only). */
export function speedOfService(
  storage: Storage,
  options: { day: string; warnMinutes: number; lateMinutes: number; retentionDays: number },
): Omit<SpeedOfService, 'computedInMs'> {
  const { day, lateMinutes } = options;
  const lateSeconds = lateMinutes * 60;
  const todayFrom = dayStart(day);
  const todayTo = dayStart(day, 1);
  const all = ticketTimes(storage, dayStart(day, -7), todayTo);
  const orders = all.filter((time) => time.station === null);
  const today = orders.filter((time) => time.firedAt >= todayFrom);
  const before = orders.filter((time) => time.firedAt < todayFrom);
  const hourOf = (time: TicketTime) => new Date(time.firedAt).getHours();
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
      ...figures(
        today.filter((time) => hourOf(time) === hour),
        lateSeconds,
      ),
      lastSevenDaysP50Seconds: figures(
        before.filter((time) => hourOf(time) === hour),
        lateSeconds,
      ).p50Seconds,
    })),
    throughput: Array.from({ length: 96 }, (_, slot) => {
      const start = new Date(todayFrom + slot * SLOT_MS);
      const end = new Date(todayFrom + (slot + 1) * SLOT_MS);
      // A day with a clock change has 92 or 100 slots of wall time: slots are counted from local midnight.
      const tickets = orders.filter((time) => time.bumpedAt >= start.getTime() && time.bumpedAt < end.getTime()).length;
      return { start: start.toISOString(), tickets };
    }),
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
export function speedOfServiceCsv(storage: Storage, day: string, lateMinutes: number): { csv: string; rows: number } {
  const times = ticketTimes(storage, dayStart(day), dayStart(day, 1)).sort(
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
