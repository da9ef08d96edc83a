import { describe, expect, it } from 'vitest';
import type { StoredOffset } from '../store/offset-ledger';
import { planPositions, type PartitionBounds } from './offset-health';

const log = (partition: number, low: string, high: string): PartitionBounds => ({ partition, low, high });
const stored = (partition: number, nextOffset: string, lastRecord: string | null = null): StoredOffset => ({
  partition,
  nextOffset,
  lastRecord,
  lastRecordAt: null,
});

describe('where each partition starts (the offsets-and-logs policy)', () => {
  it('a terminal that never read the topic starts every partition at the look-back time', () => {
    const plan = planPositions({
      clusterId: 'c1',
      knownClusterId: undefined,
      stored: [],
      partitions: [log(0, '0', '9'), log(1, '0', '4')],
    });
    expect(plan).toEqual({ gaps: [], starts: new Map(), verify: new Map() });
  });

  it('continues from the stored offset, re-reading the record before it to prove the log', () => {
    const plan = planPositions({
      clusterId: 'c1',
      knownClusterId: 'c1',
      stored: [stored(0, '10', '9|1700000000000|abc'), stored(1, '4')],
      partitions: [log(0, '0', '12'), log(1, '0', '4')],
    });
    expect(plan.newLog).toBeUndefined();
    expect(plan.starts).toEqual(
      new Map([
        [0, '9'],
        [1, '4'],
      ]),
    );
    expect(plan.verify).toEqual(new Map([[0, { offset: '9', fingerprint: '9|1700000000000|abc' }]]));
  });

  it('past a transaction marker the last record read still proves the log: re-read from it', () => {
    const plan = planPositions({
      clusterId: 'c1',
      knownClusterId: 'c1',
      stored: [stored(0, '12', '9|1700000000000|abc')],
      partitions: [log(0, '0', '12')],
    });
    expect(plan.starts).toEqual(new Map([[0, '9']]));
    expect(plan.verify).toEqual(new Map([[0, { offset: '9', fingerprint: '9|1700000000000|abc' }]]));
  });

  it('a partition added to a topic it reads starts at its beginning', () => {
    const plan = planPositions({
      clusterId: 'c1',
      knownClusterId: 'c1',
      stored: [stored(0, '10')],
      partitions: [log(0, '0', '10'), log(1, '0', '3'), log(2, '5', '8')],
    });
    expect(plan.starts).toEqual(
      new Map([
        [0, '10'],
        [1, '0'],
        [2, '5'],
      ]),
    );
  });

  it('offsets beyond a log end, of a vanished partition or from another cluster mean a new log', () => {
    expect(
      planPositions({ clusterId: 'c1', knownClusterId: 'c1', stored: [stored(0, '50')], partitions: [log(0, '0', '5')] }).newLog,
    ).toContain('ends at offset 5, before offset 50');
    expect(
      planPositions({ clusterId: 'c1', knownClusterId: 'c1', stored: [stored(3, '5')], partitions: [log(0, '0', '5')] }).newLog,
    ).toContain('partition 3');
    const moved = planPositions({ clusterId: 'c2', knownClusterId: 'c1', stored: [stored(0, '5')], partitions: [log(0, '0', '9')] });
    expect(moved.newLog).toContain('cluster c1');
    expect(moved.starts.size).toBe(0);
  });

  it('an offset below the log start is a retention gap: continue from the log start and count what was lost', () => {
    const plan = planPositions({
      clusterId: 'c1',
      knownClusterId: 'c1',
      stored: [stored(0, '20', '19|1|x'), stored(1, '7')],
      partitions: [log(0, '30', '35'), log(1, '0', '7')],
    });
    expect(plan.gaps).toEqual([{ partition: 0, from: '20', to: '30', lost: 10 }]);
    expect(plan.starts.get(0)).toBe('30');
    expect(plan.verify.size).toBe(0);
  });
});
