import { describe, expect, it } from 'vitest';
import { lookAtPartitions } from './partition-watch';

describe('the partition watch', () => {
  it('records applied while the broker answers do not make the log look shorter than what was read', async () => {
    const stored = new Map([[0, '100']]);
    // The broker measured the end at 100; before its answer arrived, the consumer applied 20 more records.
    const found = await lookAtPartitions(
      () => new Map(stored),
      async () => {
        stored.set(0, '120');
        return [{ partition: 0, high: '100' }];
      },
      1,
    );
    expect(found).toEqual({ kind: 'same' });
  });

  it('finds partitions added, and a log that really ends before the stored offset (a recreated topic)', async () => {
    const stored = () => new Map([[0, '100']]);
    expect(
      await lookAtPartitions(
        stored,
        async () => [
          { partition: 0, high: '100' },
          { partition: 1, high: '0' },
        ],
        1,
      ),
    ).toEqual({ kind: 'added', partitions: 2 });
    expect(await lookAtPartitions(stored, async () => [{ partition: 0, high: '7' }], 1)).toEqual({ kind: 'beyond-end', partition: 0 });
  });
});
