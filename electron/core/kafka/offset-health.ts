import type { StoredOffset } from '../store/offset-ledger';

/** A partition's log as the broker reports it. */
export interface PartitionBounds {
  partition: number;
  /** Log start offset (after retention). */
  low: string;
  /** Log end offset (the next offset to be written). */
  high: string;
}

export interface RetentionGap {
  partition: number;
  /** The first offset not read: records from here up to `to` (exclusive) were deleted before this terminal read them. */
  from: string;
  to: string;
  lost: number;
}

export interface PositionPlan {
  /** Why the stored offsets belong to another log (recreated topic, other cluster), if they do: read again from the look-back. */
  newLog?: string;
  gaps: RetentionGap[];
  /** Where to start each partition; absent: from the look-back time. */
  starts: Map<number, string>;
  /** Partitions to prove: the record before the start must carry this fingerprint (`start` is then one before the stored offset). */
  verify: Map<number, { offset: string; fingerprint: string }>;
}

/**
 * Decides where each partition starts (the written policy of README's "Offsets and logs"):
 * - offsets read from another cluster, or beyond a partition's log end, belong to another log:
 *   the topic is read again from the look-back window (dedupe by eventId keeps it exact);
 * - an offset below the log start means records were deleted before they were read: continue
 *   from the log start and report how many were lost;
 * - a partition this terminal never read, of a topic it has read, is new: from its beginning;
 * - a topic this terminal never read starts at the look-back time;
 * - otherwise read from the stored offset, re-reading the record before it to prove the log.
 */
export function planPositions(input: {
  clusterId: string;
  knownClusterId: string | undefined;
  stored: readonly StoredOffset[];
  partitions: readonly PartitionBounds[];
}): PositionPlan {
  const plan: PositionPlan = { gaps: [], starts: new Map(), verify: new Map() };
  const stored = new Map(input.stored.map((offset) => [offset.partition, offset]));
  if (stored.size > 0 && input.knownClusterId !== undefined && input.knownClusterId !== input.clusterId) {
    plan.newLog = `its offsets were read from cluster ${input.knownClusterId}, this is cluster ${input.clusterId}`;
    return plan;
  }
  const logs = new Map(input.partitions.map((log) => [log.partition, log]));
  for (const [partition, offset] of stored) {
    const log = logs.get(partition);
    if (!log) {
      plan.newLog = `partition ${partition}, read up to offset ${offset.nextOffset}, no longer exists`;
      return { ...plan, starts: new Map(), gaps: [] };
    }
    if (BigInt(offset.nextOffset) > BigInt(log.high)) {
      plan.newLog = `partition ${partition} ends at offset ${log.high}, before offset ${offset.nextOffset} already read`;
      return { ...plan, starts: new Map(), gaps: [] };
    }
  }
  for (const log of input.partitions) {
    const offset = stored.get(log.partition);
    if (!offset) {
      if (stored.size > 0) plan.starts.set(log.partition, log.low);
      continue;
    }
    const next = BigInt(offset.nextOffset);
    if (next < BigInt(log.low)) {
      plan.gaps.push({ partition: log.partition, from: offset.nextOffset, to: log.low, lost: Number(BigInt(log.low) - next) });
      plan.starts.set(log.partition, log.low);
      continue;
    }
    // The last record read; transaction markers after it (passMarkers) hold nothing to re-apply.
    const proof = offset.lastRecord ? /^(\d+)\|/.exec(offset.lastRecord)?.[1] : undefined;
    if (offset.lastRecord && proof !== undefined && BigInt(proof) < next && BigInt(proof) >= BigInt(log.low)) {
      plan.starts.set(log.partition, proof);
      plan.verify.set(log.partition, { offset: proof, fingerprint: offset.lastRecord });
    } else plan.starts.set(log.partition, offset.nextOffset);
  }
  return plan;
}
