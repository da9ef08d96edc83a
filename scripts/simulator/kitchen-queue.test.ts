import { describe, expect, it } from 'vitest';
import { simulateRushDay, type QueuedOrder } from './kitchen-queue';

const day = simulateRushDay({ orders: 200, cooksPerStation: 3, seed: 5, unknownCookTimeShare: 0.1 });
const allLines = day.orders.flatMap((order) => order.lines.map((line) => ({ order, line })));

describe('a rush day in a kitchen that queues', () => {
  it('is the same day for the same seed', () => {
    const again = simulateRushDay({ orders: 200, cooksPerStation: 3, seed: 5, unknownCookTimeShare: 0.1 });
    expect(again.orders.map((order) => order.readyAt)).toEqual(day.orders.map((order) => order.readyAt));
  });

  it('places orders by the hourly rush shape, and every line of every order is cooked', () => {
    expect(day.orders.length).toBeGreaterThan(190);
    const hours = day.orders.map((order) => new Date(order.placedAt).getUTCHours());
    const perHour = (hour: number) => hours.filter((placed) => placed === hour).length;
    expect(perHour(12)).toBeGreaterThan(2 * perHour(15));
    for (const { line } of allLines) expect(Number.isFinite(line.finishedAt)).toBe(true);
    expect(allLines.some(({ line }) => line.cookSeconds === null)).toBe(true);
  });

  it('never has more lines cooking at a station than it has cooks, and serves each station first come, first served', () => {
    for (const station of new Set(allLines.map(({ line }) => line.station))) {
      const lines = allLines.filter(({ line }) => line.station === station);
      for (const { line } of lines) {
        const cooking = lines.filter(({ line: other }) => other.startedAt <= line.startedAt && other.finishedAt > line.startedAt);
        expect(cooking.length).toBeLessThanOrEqual(3);
      }
      const byQueue = lines.map(({ line }) => line).sort((a, b) => a.queuedAt - b.queuedAt);
      for (let index = 1; index < byQueue.length; index += 1)
        expect(byQueue[index]?.startedAt).toBeGreaterThanOrEqual(byQueue[index - 1]?.startedAt ?? Infinity);
    }
  });

  it("fires a course when the one before it is finished, and bumps at expo after the order's last line", () => {
    for (const { order, line } of allLines) {
      const before = order.lines.filter((other) => other.course < line.course);
      expect(line.queuedAt).toBeGreaterThanOrEqual(Math.max(order.placedAt, ...before.map((other) => other.finishedAt)));
      expect(line.startedAt).toBeGreaterThanOrEqual(line.queuedAt);
    }
    for (const order of day.orders) expect(order.readyAt).toBeGreaterThan(Math.max(...order.lines.map((line) => line.finishedAt)));
  });

  it("gives the open load per station as the core's kitchen load does: placed orders' lines not finished", () => {
    const first = day.orders[0] as QueuedOrder;
    expect(day.loadAt(first.placedAt)).toEqual([]);
    const lastReady = Math.max(...day.orders.map((order) => order.readyAt));
    expect(day.loadAt(lastReady)).toEqual([]);
    const just = first.placedAt + 1;
    const openLines = first.lines.filter((line) => line.finishedAt > just);
    expect(day.loadAt(just)).toEqual(
      [...new Set(openLines.map((line) => line.station))].sort().map((station) => {
        const mine = openLines.filter((line) => line.station === station);
        return {
          station,
          openTickets: 1,
          openItems: mine.length,
          remainingCookSeconds: mine.reduce((sum, line) => sum + (line.cookSeconds ?? 0), 0),
          itemsWithoutCookTime: mine.filter((line) => line.cookSeconds === null).length,
        };
      }),
    );
  });
});
