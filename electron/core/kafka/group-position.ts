import type { Admin } from 'kafkajs';
import type { Log } from './kafka-client';
import type { Storage } from '../store/storage';
import { recordTopicReplaced } from './topic-identity';
import { planPositions, type PartitionBounds } from './offset-health';

export interface PositionedGroup {
  /** Partitions of the topic, read or not. */
  partitionCount: number;
  /** The logs of the partitions this terminal reads. */
  logs: (PartitionBounds & { partition: number })[];
  /** Where each partition starts this session. */
  starts: Map<number, string>;
  /** Records to re-read and prove at the start (see TopicIdentityGuard). */
  verify: Map<number, { offset: string; fingerprint: string }>;
}

/**
 * Decides where every partition starts (offset-health.ts), records what happened to the log
 * (a new log, records lost to retention) with the start positions in SQLite, and points the
 * group there before joining. If Kafka refuses (a member not yet expired), the seek on join
 * and the skip-below-stored-offset rule still keep delivery exact.
 */
export async function positionGroup(
  admin: Admin,
  storage: Storage,
  options: {
    topic: string;
    groupId: string;
    clusterId: string;
    lookBackMinutes: number;
    log: Log;
    /** The terminal's clock: the look-back window and the stored positions' times follow it. */
    now: () => number;
    replaySince?: number;
    /** The partitions read, of a topic of `partitionCount` (routed mode: the merchant's); all by default. */
    select?: (partitionCount: number) => readonly number[] | Promise<readonly number[]>;
  },
): Promise<PositionedGroup> {
  const { topic, groupId, clusterId, lookBackMinutes, log, replaySince } = options;
  const now = options.now();
  const allLogs = await admin.fetchTopicOffsets(topic);
  const partitionCount = allLogs.length;
  const read = new Set((await options.select?.(partitionCount)) ?? allLogs.map((l) => l.partition));
  const logs = allLogs.filter((l) => read.has(l.partition));
  if (replaySince !== undefined) {
    // Support asked to read again from a time: every partition starts there, whatever was stored.
    const starts = await offsetsAt(admin, topic, logs, replaySince);
    storage.transact((tx) => {
      for (const [partition, offset] of starts) tx.offsets.set(topic, partition, offset, now);
      tx.changes.status = true;
    });
    log('warn', `${topic}: re-reading from ${new Date(replaySince).toISOString()} as support asked`);
    await admin
      .setOffsets({ groupId, topic, partitions: [...starts].map(([partition, offset]) => ({ partition, offset })) })
      .catch(() => undefined);
    return { partitionCount, logs, starts, verify: new Map() };
  }
  // Planned over every partition (a stored partition no longer read is not a vanished one), kept for those read.
  const whole = planPositions({
    clusterId,
    knownClusterId: storage.notices.clusterOf(topic),
    stored: storage.offsets.all(topic),
    partitions: allLogs,
  });
  const plan = {
    ...whole,
    starts: new Map([...whole.starts].filter(([partition]) => read.has(partition))),
    verify: new Map([...whole.verify].filter(([partition]) => read.has(partition))),
    gaps: whole.gaps.filter((gap) => read.has(gap.partition)),
  };
  const lookBack = logs.some((l) => !plan.starts.has(l.partition))
    ? await offsetsAt(admin, topic, logs, now - lookBackMinutes * 60_000)
    : new Map<number, string>();
  const starts = new Map(logs.map((l) => [l.partition, plan.starts.get(l.partition) ?? lookBack.get(l.partition) ?? l.high]));
  storage.transact((tx) => {
    tx.notices.setCluster(topic, clusterId, now);
    if (plan.newLog) {
      recordTopicReplaced(tx, topic, plan.newLog, lookBackMinutes, now);
      log('warn', `${topic} is a new log (${plan.newLog}); reading it again from the look-back window`);
    }
    for (const gap of plan.gaps) {
      tx.notices.add({
        topic,
        partition: gap.partition,
        kind: 'RETENTION_GAP',
        detail: `${gap.lost} record(s) of ${topic} partition ${gap.partition} (offsets ${gap.from}–${BigInt(gap.to) - 1n}) were deleted before this terminal read them`,
        lost: gap.lost,
        at: now,
      });
      log('warn', `${topic}[${gap.partition}]: ${gap.lost} record(s) deleted by retention before they were read`);
    }
    // Start positions are stored at once, so they hold even if Kafka refuses to move the group.
    const stored = new Set(tx.offsets.all(topic).map((o) => o.partition));
    const gapped = new Set(plan.gaps.map((g) => g.partition));
    for (const [partition, offset] of starts)
      if (!stored.has(partition) || gapped.has(partition)) tx.offsets.set(topic, partition, offset, now);
    tx.changes.status = true;
  });
  try {
    await admin.setOffsets({ groupId, topic, partitions: [...starts].map(([partition, offset]) => ({ partition, offset })) });
  } catch (error) {
    log('warn', `could not position the consumer group yet (${(error as Error).message}); it is positioned again when it joins`);
  }
  return { partitionCount, logs, starts, verify: new Map(plan.verify) };
}

/** Each partition's first offset at or after `since` (its end where nothing is that recent). */
async function offsetsAt(admin: Admin, topic: string, logs: readonly PartitionBounds[], since: number): Promise<Map<number, string>> {
  const found = await admin.fetchTopicOffsetsByTimestamp(topic, since);
  const highs = new Map(logs.map((l) => [l.partition, l.high]));
  return new Map(
    found.filter((p) => highs.has(p.partition)).map((p) => [p.partition, p.offset === '-1' ? (highs.get(p.partition) ?? '0') : p.offset]),
  );
}
