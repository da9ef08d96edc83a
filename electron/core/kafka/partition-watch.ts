/** What the partition watch found: nothing, partitions added, or a log that ends before what was already read. */
export type WatchFinding = { kind: 'same' } | { kind: 'added'; partitions: number } | { kind: 'beyond-end'; partition: number };

/**
 * One look of the partition watch (topic-consumer.ts). The stored offsets are read **before** the
 * broker is asked for the log ends: records applied while its answer travels would otherwise look
 * beyond the end of the log, and the consumer would leave its group and join again — about 5 s
 * without new tickets, at every look that raced a busy stream.
 */
export async function lookAtPartitions(
  storedOffsets: () => ReadonlyMap<number, string>,
  logEnds: () => Promise<readonly { partition: number; high: string }[]>,
  partitionCount: number,
): Promise<WatchFinding> {
  const stored = storedOffsets();
  const logs = await logEnds();
  if (logs.length > partitionCount) return { kind: 'added', partitions: logs.length };
  const beyond = logs.find((log) => BigInt(stored.get(log.partition) ?? '0') > BigInt(log.high));
  return beyond ? { kind: 'beyond-end', partition: beyond.partition } : { kind: 'same' };
}
