import { describe, expect, it } from 'vitest';
import { partitionLags } from './partition-lag';

const stored = (partition: number, nextOffset: string) => ({ partition, nextOffset, lastRecord: null, lastRecordAt: null });
const ends = (...highs: string[]) => new Map(highs.map((high, partition) => [partition, high]));

describe('lag per partition', () => {
  it('counts partitions added to the topic before the running session reads them (filter mode)', () => {
    // The session positioned itself on 2 partitions; the broker now has 4, two of them with a record.
    const lags = partitionLags({
      stored: [stored(0, '5'), stored(1, '3')],
      logEnds: ends('5', '3', '1', '1'),
      logStarts: new Map(),
      routed: false,
      read: [0, 1],
    });
    expect(lags.map((p) => [p.partition, p.nextOffset, p.lag])).toEqual([
      [0, '5', 0],
      [1, '3', 0],
      [2, null, 1],
      [3, null, 1],
    ]);
  });

  it('is never 0 where a log end is above the stored offset, stored or not', () => {
    const lags = partitionLags({
      stored: [stored(0, '0'), stored(1, '0')],
      logEnds: ends('1', '0', '2'),
      logStarts: new Map(),
      routed: false,
      read: [0],
    });
    for (const p of lags) expect(p.lag).toBe(Number(p.highWatermark) - Number(p.nextOffset ?? '0'));
    expect(lags.reduce((sum, p) => sum + (p.lag ?? 0), 0)).toBe(3);
  });

  it('routed mode counts only the partitions the session reads (before one, those it has read)', () => {
    const input = { stored: [stored(3, '2')], logEnds: ends('9', '9', '9', '4'), logStarts: new Map<number, string>(), routed: true };
    expect(partitionLags({ ...input, read: [3] }).map((p) => [p.partition, p.lag])).toEqual([[3, 2]]);
    expect(partitionLags({ ...input, read: undefined }).map((p) => [p.partition, p.lag])).toEqual([[3, 2]]);
  });
});
