import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createShownReporter } from './shown-reporter';

/** A reporter whose core answers as the test says, recording every report. */
function reporter(answer: () => boolean | Promise<boolean> = () => true) {
  const reports: string[][] = [];
  const shown = createShownReporter({
    send: async (orderIds) => {
      reports.push(orderIds);
      return answer();
    },
  });
  return { reports, shown };
}
const ids = (prefix: string, count: number) => Array.from({ length: count }, (_, i) => `${prefix}${i}`);

describe('reporting the tickets a screen painted', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('reports each order once per screen session, however often it is painted', async () => {
    const { reports, shown } = reporter();
    shown.add(['a', 'b']);
    shown.add(['b', 'a']);
    await vi.advanceTimersByTimeAsync(0);
    expect(reports).toEqual([['a', 'b']]);
    shown.add(['a', 'b', 'c']);
    await vi.advanceTimersByTimeAsync(1_000);
    shown.add(['a', 'b', 'c']);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(reports).toEqual([['a', 'b'], ['c']]);
    expect(shown.reported()).toBe(3);
  });

  it('sends at most one report every 500 ms, gathering what was painted meanwhile', async () => {
    const { reports, shown } = reporter();
    shown.add(['a']);
    await vi.advanceTimersByTimeAsync(0);
    shown.add(['b']);
    await vi.advanceTimersByTimeAsync(200);
    shown.add(['c']);
    await vi.advanceTimersByTimeAsync(299);
    expect(reports).toEqual([['a']]);
    await vi.advanceTimersByTimeAsync(1);
    expect(reports).toEqual([['a'], ['b', 'c']]);
  });

  it('carries at most 500 ids a report, the rest in the next ones', async () => {
    const { reports, shown } = reporter();
    shown.add(ids('o', 1_200));
    await vi.advanceTimersByTimeAsync(0);
    expect(reports.map((report) => report.length)).toEqual([500]);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(reports.map((report) => report.length)).toEqual([500, 500, 200]);
    expect(new Set(reports.flat()).size).toBe(1_200);
  });

  it('keeps one report in flight: what is painted while the core answers goes in the next', async () => {
    let answer: (ok: boolean) => void = () => undefined;
    const { reports, shown } = reporter(() => new Promise<boolean>((resolve) => (answer = resolve)));
    shown.add(['a']);
    await vi.advanceTimersByTimeAsync(0);
    shown.add(['b']);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(reports).toEqual([['a']]);
    answer(true);
    await vi.advanceTimersByTimeAsync(0);
    expect(reports).toEqual([['a'], ['b']]);
  });

  it('sends again what a failed report carried, first, after a while', async () => {
    let ok = false;
    const { reports, shown } = reporter(() => ok);
    shown.add(['a', 'b']);
    await vi.advanceTimersByTimeAsync(0);
    shown.add(['c']);
    await vi.advanceTimersByTimeAsync(4_999);
    expect(reports).toEqual([['a', 'b']]);
    ok = true;
    await vi.advanceTimersByTimeAsync(1);
    expect(reports).toEqual([
      ['a', 'b'],
      ['a', 'b', 'c'],
    ]);
    expect(shown.reported()).toBe(3);
  });

  it('takes a report that throws as failed, and sends nothing once stopped', async () => {
    const { reports, shown } = reporter(() => {
      throw new Error('link down');
    });
    shown.add(['a']);
    await vi.advanceTimersByTimeAsync(0);
    expect(shown.reported()).toBe(0);
    shown.stop();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(reports).toEqual([['a']]);
    expect(vi.getTimerCount()).toBe(0);
  });
});
