import type { IncomingRecord } from '../ingest/decode-record';
import { recordFingerprint } from '../ingest/record-fingerprint';
import type { ClientLogEntry } from './kafka-client';

/**
 * Watches one consumer session's records for signs that the log under the stored offsets is
 * no longer the one they were read from (a recreated topic): the record before a stored offset
 * must carry its stored fingerprint, a partition must not end before its stored offset, and
 * records only move forward. Any sign restarts the session, whose position plan then decides.
 */
export class LogGuard {
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

  /** The group was joined (positions were just moved by seeks). */
  joined(): void {
    this.next = new Map();
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
   * Why the partition's log may not be the same any more (`proven`: it certainly is not), or
   * undefined while it is.
   */
  check(
    partition: number,
    highWatermark: string,
    stored: string | undefined,
    records: readonly IncomingRecord[],
    /** The batch's last offset, a transaction marker after its last record included. */
    batchEnd: string | undefined = records[records.length - 1]?.offset,
  ): { reason: string; proven: boolean } | undefined {
    const first = records[0];
    const expectedNext = this.next.get(partition);
    if (first && expectedNext !== undefined && BigInt(first.offset) < expectedNext)
      return { reason: `partition ${partition} went back from offset ${expectedNext - 1n} to ${first.offset}`, proven: false };
    if (batchEnd !== undefined) this.passed(partition, batchEnd, highWatermark);
    if (stored !== undefined && BigInt(highWatermark) < BigInt(stored))
      return { reason: `partition ${partition} now ends at offset ${highWatermark}, before offset ${stored} already read`, proven: true };
    const expected = this.verify.get(partition);
    if (!expected) return undefined;
    const record = records.find((r) => r.offset === expected.offset);
    if (record) {
      this.verify.delete(partition);
      if (recordFingerprint(record).fingerprint !== expected.fingerprint)
        return { reason: `partition ${partition} holds another record at offset ${expected.offset}`, proven: true };
    } else if (records.some((r) => BigInt(r.offset) > BigInt(expected.offset))) this.verify.delete(partition);
    return undefined;
  }

  /**
   * kafkajs resets an out-of-range position, and keeps fetching while a topic is deleted and
   * created again, telling only its log: true when such a line concerns this session.
   */
  clientSaysLogMoved(entry: ClientLogEntry): boolean {
    const reset = entry.message.startsWith('Offset out of range') && entry.topic === this.topic;
    const vanished = entry.message.startsWith('Response Fetch') && (entry.error?.includes('does not host this topic-partition') ?? false);
    return reset || vanished;
  }
}
