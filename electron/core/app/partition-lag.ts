import type { PartitionLag } from '../../../shared/core-status';
import type { StoredOffset } from '../store/offset-ledger';

/**
 * Lag per partition as the status bar shows it. In filter mode every partition the broker or
 * the ledger knows counts, whether or not the running session reads it yet: a partition added a
 * moment ago, with records and no stored offset, is lag, never "up to date". Routed mode reads a
 * few partitions of many, so only those (before a session, those it has read before) count.
 */
export function partitionLags(input: {
  stored: readonly StoredOffset[];
  /** Log ends as last seen (the probe's and the consumer's, the newer of each). */
  logEnds: ReadonlyMap<number, string>;
  logStarts: ReadonlyMap<number, string>;
  routed: boolean;
  /** The partitions the running session reads; undefined before one positioned itself. */
  read: readonly number[] | undefined;
}): PartitionLag[] {
  const offsets = new Map(input.stored.map((o) => [o.partition, o]));
  const read = input.read;
  const counted = (partition: number): boolean => !input.routed || (read ? read.includes(partition) : offsets.has(partition));
  const partitions = [...new Set([...offsets.keys(), ...input.logEnds.keys()])].filter(counted).sort((a, b) => a - b);
  return partitions.map((partition) => {
    const stored = offsets.get(partition);
    const nextOffset = stored?.nextOffset ?? null;
    const highWatermark = input.logEnds.get(partition) ?? null;
    const lag = highWatermark === null ? null : Math.max(0, Number(BigInt(highWatermark) - BigInt(nextOffset ?? '0')));
    const lastRecordAt = stored?.lastRecordAt ? new Date(stored.lastRecordAt).toISOString() : null;
    return { partition, nextOffset, logStart: input.logStarts.get(partition) ?? null, highWatermark, lag, lastRecordAt };
  });
}
