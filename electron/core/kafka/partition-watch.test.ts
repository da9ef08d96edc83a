import { describe, expect, it } from 'vitest';
import { PartitionWatch, STALL_WINDOW_MS, type WatchLook } from './partition-watch';

const ends = (...highs: string[]) => highs.map((high, partition) => ({ partition, high }));

/** A look at a topic of `highs.length` partitions, every one positioned, read and assigned unless said otherwise. */
function look(stored: string[], highs: string[], overrides: Partial<WatchLook> = {}): WatchLook {
  const partitions = stored.map((_, partition) => partition);
  return {
    storedOffsets: () => new Map(stored.map((offset, partition) => [partition, offset])),
    logEnds: async () => ends(...highs),
    partitionCount: stored.length,
    reading: partitions,
    assigned: partitions,
    othersInGroup: async () => false,
    ...overrides,
  };
}

describe('the partition watch', () => {
  it('records applied while the broker answers do not make the log look shorter than what was read', async () => {
    const stored = new Map([[0, '100']]);
    const watch = new PartitionWatch(() => 0);
    // The broker measured the end at 100; before its answer arrived, the consumer applied 20 more records.
    const found = await watch.look({
      ...look(['100'], ['100']),
      storedOffsets: () => new Map(stored),
      logEnds: async () => {
        stored.set(0, '120');
        return ends('100');
      },
    });
    expect(found).toEqual({ kind: 'same' });
  });

  it('finds partitions added, and a log that really ends before the stored offset (a recreated topic)', async () => {
    const watch = new PartitionWatch(() => 0);
    expect(await watch.look(look(['100'], ['100', '0']))).toEqual({ kind: 'added', partitions: 2 });
    expect(await watch.look(look(['100'], ['7']))).toEqual({ kind: 'beyond-end', partition: 0 });
  });

  it('finds a join that left out partitions this terminal reads while it is alone in its group', async () => {
    const watch = new PartitionWatch(() => 0);
    const stale = look(['1', '0', '0', '0'], ['1', '1', '0', '0'], { assigned: [0, 1] });
    expect(await watch.look(stale)).toEqual({ kind: 'unassigned', partitions: [2, 3] });
    // Another member holds them: a terminal id used twice (the status says so), not something a rejoin mends.
    expect(await watch.look({ ...stale, othersInGroup: async () => true })).toEqual({ kind: 'same' });
    // Before the session's first join nothing was handed out yet.
    expect(await watch.look({ ...stale, assigned: undefined })).toEqual({ kind: 'same' });
  });

  it('finds records waiting on a partition whose stored offset does not move for the stall window, and no sooner', async () => {
    let now = 0;
    const watch = new PartitionWatch(() => now);
    const stuck = look(['1', '0'], ['1', '3']);
    expect(await watch.look(stuck)).toEqual({ kind: 'same' });
    now = STALL_WINDOW_MS - 1;
    expect(await watch.look(stuck)).toEqual({ kind: 'same' });
    now = STALL_WINDOW_MS;
    expect(await watch.look(stuck)).toEqual({ kind: 'stalled', partition: 1, stored: '0', logEnd: '3', seconds: 15 });
  });

  it('a partition that moves, or has nothing waiting, is not stalled however long it takes', async () => {
    let now = 0;
    const watch = new PartitionWatch(() => now);
    for (let step = 0; step < 10; step += 1) {
      now = step * 5_000;
      // A long catch-up: partition 0 moves at every look; partition 1 is at its end.
      expect(await watch.look(look([String(step * 100), '7'], ['5000', '7']))).toEqual({ kind: 'same' });
    }
  });

  it('a stall found again waits twice as long, and the window is back to its start once every partition caught up', async () => {
    let now = 0;
    const watch = new PartitionWatch(() => now);
    const stuck = look(['0'], ['3']);
    await watch.look(stuck);
    now += STALL_WINDOW_MS;
    expect((await watch.look(stuck)).kind).toBe('stalled');
    watch.sessionStarted();
    await watch.look(stuck);
    now += STALL_WINDOW_MS;
    expect((await watch.look(stuck)).kind).toBe('same');
    now += STALL_WINDOW_MS;
    expect((await watch.look(stuck)).kind).toBe('stalled');

    await watch.look(look(['3'], ['3']));
    await watch.look(stuck);
    now += STALL_WINDOW_MS;
    expect((await watch.look(stuck)).kind).toBe('stalled');
  });

  it('finds the topic gone when the cluster says so, and passes other failures on', async () => {
    const watch = new PartitionWatch(() => 0);
    const gone = Object.assign(new Error('This server does not host this topic-partition'), { type: 'UNKNOWN_TOPIC_OR_PARTITION' });
    expect(await watch.look({ ...look(['1'], ['1']), logEnds: () => Promise.reject(gone) })).toEqual({ kind: 'vanished' });
    await expect(watch.look({ ...look(['1'], ['1']), logEnds: () => Promise.reject(new Error('timeout')) })).rejects.toThrow('timeout');
  });

  it('a partition handed to another member and back starts a fresh window (no stall for the time it was elsewhere)', async () => {
    let now = 0;
    const watch = new PartitionWatch(() => now);
    const both = look(['0', '0'], ['0', '1']);
    await watch.look(both);
    now = 5_000;
    // Partition 1 went to another member at a rebalance...
    await watch.look({ ...both, assigned: [0], othersInGroup: async () => true });
    now = 60_000;
    // ...and came back with a join: the record waiting on it is new to this assignment.
    watch.joined();
    expect(await watch.look(both)).toEqual({ kind: 'same' });
    now = 65_000;
    expect(await watch.look(both)).toEqual({ kind: 'same' });
  });

  it('while other partitions of the consumer move, a waiting partition is stalled only after four windows (a catch-up in kafkajs order)', async () => {
    let now = 0;
    const watch = new PartitionWatch(() => now);
    const at = (step: number) => look([String(step * 1_000), '0'], ['100000', '5']);
    for (let step = 0; step * 5_000 < 4 * STALL_WINDOW_MS; step += 1) {
      now = step * 5_000;
      expect(await watch.look(at(step))).toEqual({ kind: 'same' });
    }
    now = 4 * STALL_WINDOW_MS;
    expect(await watch.look(at(12))).toMatchObject({ kind: 'stalled', partition: 1, seconds: 60 });
  });
});
