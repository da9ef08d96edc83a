import { recordFingerprint, type FingerprintedRecord } from '../ingest/record-fingerprint';
import type { ClientLogEntry } from './kafka-client';

/** What a batch shows of the log under the stored offsets (TopicIdentityGuard.check). */
export type GuardFinding = { kind: 'moved'; reason: string; proven: boolean } | { kind: 'skipped'; from: string; to: string };

/**
 * Watches one consumer session's records for signs that the log under the stored offsets is
 * no longer the one they were read from (a recreated topic): the record before a stored offset
 * must carry its stored fingerprint, a partition must not end before its stored offset, and
 * records only move forward. Any sign restarts the session, whose position plan then decides.
 */
export class TopicIdentityGuard {
  private verify = new Map<number, { offset: string; fingerprint: string }>();
  /** Per partition, the offset after the last record seen since the last join. */
  private next = new Map<number, bigint>();
  private reachedEnd = new Map<number, boolean>();

  constructor(private readonly topic: string) {}

  /** A new session: these records are re-read first, to prove the log. */
  startSession(verify: ReadonlyMap<number, { offset: string; fingerprint: string }>): void {
    this.verify = new Map(verify);
    this.next = new Map();
    this.reachedEnd = new Map();
  }

  /** The group was joined and each assigned partition was moved to `positions` (seeks): its next records start there. */
  joined(positions: ReadonlyMap<number, string> = new Map()): void {
    this.next = new Map([...positions].map(([partition, offset]) => [partition, BigInt(offset)]));
    this.reachedEnd = new Map();
  }

  /**
   * Whether the partition's last batch in this session reached its log end: a consumer caught
   * up long-polls, so the next records arrive moments after they were produced.
   */
  caughtUp(partition: number): boolean {
    return this.reachedEnd.get(partition) === true;
  }

  /** The partition was read up to `lastOffset` (records or transaction markers): whether it is at its end follows. */
  passed(partition: number, lastOffset: string, highWatermark: string): void {
    const next = BigInt(lastOffset) + 1n;
    if (next > (this.next.get(partition) ?? -1n)) this.next.set(partition, next);
    this.reachedEnd.set(partition, next >= BigInt(highWatermark));
  }

  /** Where a partition must be re-read from to prove its log, if it still must. */
  provingOffset(partition: number): string | undefined {
    return this.verify.get(partition)?.offset;
  }

  /**
   * Why the partition's log may not be the same any more (`moved`; `proven`: it certainly is
   * not), records skipped between where this session was reading and the batch's first record
   * (`skipped`: transaction markers and aborted records, or records deleted before they were read
   * — only the log's start tells which), or undefined while all is as expected.
   */
  check(
    partition: number,
    highWatermark: string,
    stored: string | undefined,
    records: readonly FingerprintedRecord[],
    /** The batch's last offset, a transaction marker after its last record included. */
    batchEnd: string | undefined = records[records.length - 1]?.offset,
  ): GuardFinding | undefined {
    const first = records[0];
    const expectedNext = this.next.get(partition);
    if (first && expectedNext !== undefined && BigInt(first.offset) < expectedNext)
      return {
        kind: 'moved',
        reason: `partition ${partition} went back from offset ${expectedNext - 1n} to ${first.offset}`,
        proven: false,
      };
    const skipped = first && expectedNext !== undefined && BigInt(first.offset) > expectedNext ? expectedNext : undefined;
    if (batchEnd !== undefined) this.passed(partition, batchEnd, highWatermark);
    if (stored !== undefined && BigInt(highWatermark) < BigInt(stored))
      return {
        kind: 'moved',
        reason: `partition ${partition} now ends at offset ${highWatermark}, before offset ${stored} already read`,
        proven: true,
      };
    const expected = this.verify.get(partition);
    if (expected) {
      const record = records.find((r) => r.offset === expected.offset);
      if (record) {
        this.verify.delete(partition);
        if (recordFingerprint(record).fingerprint !== expected.fingerprint)
          return { kind: 'moved', reason: `partition ${partition} holds another record at offset ${expected.offset}`, proven: true };
      } else if (records.some((r) => BigInt(r.offset) > BigInt(expected.offset))) this.verify.delete(partition);
    }
    return skipped !== undefined && first ? { kind: 'skipped', from: skipped.toString(), to: first.offset } : undefined;
  }

  /**
   * A topic deleted and created again between two looks of the partition watch leaves no trace in
   * the offsets when the new log has grown past them: kafkajs 2 reads topic metadata without topic
   * ids, and tells of a partition vanishing under its fetch only in its log. True for such a line.
   * (Position resets are seen from the offsets: `check`.)
   */
  clientSaysTopicVanished(entry: ClientLogEntry): boolean {
    return entry.message.startsWith('Response Fetch') && (entry.error?.includes('does not host this topic-partition') ?? false);
  }
}
