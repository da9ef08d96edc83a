import type { KitchenEvent } from '../../shared/kitchen-events';
import type { OrderEvent } from '../../shared/order-events';

/**
 * Speed-of-service figures computed straight from the simulated events — no database, no code of
 * the product — to check the terminal's figures against. Definitions as the reports screen states
 * them: a station's ticket runs from the order's fire time to that station's last bump that was
 * not recalled (or expo's whole-ticket bump); an order's ticket until expo bumped it or every
 * station did; p50 and p90 by nearest rank; late over the late threshold; hours and days local.
 */
interface Finished {
  orderId: string;
  displayNumber: string;
  channel: string;
  station: string | null;
  fired: number;
  bumped: number;
}

const rank = (values: number[], p: number): number | null => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? null : (sorted[Math.ceil(p * sorted.length) - 1] ?? null);
};
const summary = (tickets: Finished[], lateSeconds: number) => {
  const seconds = tickets.map((t) => Math.max(0, (t.bumped - t.fired) / 1000));
  return {
    tickets: seconds.length,
    p50Seconds: rank(seconds, 0.5),
    p90Seconds: rank(seconds, 0.9),
    late: seconds.filter((s) => s > lateSeconds).length,
  };
};
const midnight = (day: string, plus = 0) => {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(y ?? 0, (m ?? 1) - 1, (d ?? 1) + plus).getTime();
};

export function serviceOracle(orders: OrderEvent[], kitchen: KitchenEvent[], day: string, lateMinutes: number) {
  const lateSeconds = lateMinutes * 60;
  const finished: Finished[] = [];
  for (const placed of orders) {
    if (!placed.order) continue;
    const mine = kitchen.filter((k) => k.orderId === placed.orderId).sort((a, b) => a.occurredAt.localeCompare(b.occurredAt));
    const lastWord = (station: string | undefined) => {
      const words = mine.filter((k) => k.station === station && (k.type === 'TICKET_BUMPED' || k.type === 'TICKET_RECALLED'));
      const last = words[words.length - 1];
      return last?.type === 'TICKET_BUMPED' ? Date.parse(last.occurredAt) : undefined;
    };
    const expo = lastWord(undefined);
    const stations = [...new Set(placed.order.items.map((i) => i.station))];
    const base = {
      orderId: placed.orderId,
      displayNumber: placed.order.displayNumber,
      channel: placed.order.channel,
      fired: Date.parse(placed.occurredAt),
    };
    const parts = stations.map((station) => ({ station, bumped: lastWord(station) ?? expo }));
    for (const part of parts) if (part.bumped !== undefined) finished.push({ ...base, station: part.station, bumped: part.bumped });
    const all = parts.every((p) => p.bumped !== undefined) ? Math.max(...parts.map((p) => p.bumped ?? 0)) : undefined;
    const done = expo ?? all;
    if (done !== undefined) finished.push({ ...base, station: null, bumped: done });
  }
  const from = midnight(day);
  const to = midnight(day, 1);
  const weekFrom = midnight(day, -7);
  const wholeOrders = finished.filter((t) => t.station === null);
  const today = wholeOrders.filter((t) => t.fired >= from && t.fired < to);
  const week = wholeOrders.filter((t) => t.fired >= weekFrom && t.fired < from);
  const grouped = (tickets: Finished[], key: (t: Finished) => string) =>
    [...new Set(tickets.map(key))].sort().map((name) => ({
      key: name,
      ...summary(
        tickets.filter((t) => key(t) === name),
        lateSeconds,
      ),
    }));
  const hour = (t: Finished) => new Date(t.fired).getHours();
  return {
    today: summary(today, lateSeconds),
    lastSevenDays: { ...summary(week, lateSeconds), perDay: week.length / 7 },
    byStation: grouped(
      finished.filter((t) => t.station !== null && t.fired >= from && t.fired < to),
      (t) => t.station ?? '',
    ),
    byChannel: grouped(today, (t) => t.channel),
    byHour: Array.from({ length: 24 }, (_, h) => ({
      hour: h,
      ...summary(
        today.filter((t) => hour(t) === h),
        lateSeconds,
      ),
      lastSevenDaysP50Seconds: summary(
        week.filter((t) => hour(t) === h),
        lateSeconds,
      ).p50Seconds,
    })),
    throughput: Array.from({ length: 96 }, (_, slot) => {
      const start = from + slot * 15 * 60_000;
      return {
        start: new Date(start).toISOString(),
        tickets: wholeOrders.filter((t) => t.bumped >= start && t.bumped < start + 15 * 60_000 && t.fired >= weekFrom).length,
      };
    }),
    lateTickets: today
      .map((t) => ({
        orderId: t.orderId,
        displayNumber: t.displayNumber,
        channel: t.channel,
        firedAt: new Date(t.fired).toISOString(),
        bumpedAt: new Date(t.bumped).toISOString(),
        seconds: (t.bumped - t.fired) / 1000,
      }))
      .filter((t) => t.seconds > lateSeconds)
      .sort((a, b) => b.seconds - a.seconds || a.orderId.localeCompare(b.orderId))
      .slice(0, 50),
  };
}
