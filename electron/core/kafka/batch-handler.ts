import type { EachBatchPayload } from 'kafkajs';
import { batchItems, isPassedOver, type ChunkItem } from '../ingest/batch-items';
import { processChunk } from '../ingest/process-chunk';
import { systemClock } from '../lib/clock';
import type { Storage } from '../store/storage';
import { hopTraceEnabled, traceHops } from './hop-trace';
import type { Log } from './kafka-client';
import type { TopicIdentityGuard } from './topic-identity-guard';
import type { TopicSpec } from './topic-consumer';
import { recordTopicReplaced } from './topic-identity';

/**
 * Time per SQLite transaction before yielding. The core has its own thread, so this bounds how long
 * a cook's tap waits behind a catch-up, not the screen.
 */
export const CHUNK_BUDGET_MS = 25;
/** Records handed to one transaction at most (it stops earlier once its time budget is spent). */
const CHUNK_RECORDS = 2_000;

/** What a batch handler needs of its consumer's TopicSpec (topic-consumer.ts). */
export type BatchTarget = Pick<TopicSpec, 'topic' | 'handle' | 'counterPrefix' | 'prepare' | 'merchantId'>;

/**
 * Applies the batches of one consumer session: each partition's records in chunks, each chunk in
 * one transaction with the partition's next offset, after the log guard has checked that the
 * records belong to the log the stored offsets were read from.
 */
export class BatchHandler {
  constructor(
    private readonly storage: Storage,
    private readonly target: BatchTarget,
    private readonly guard: TopicIdentityGuard,
    private readonly context: {
      lookBackMinutes: number;
      log: Log;
      now: () => number;
      /** The partition's log end as the last fetch saw it. */
      sawLogEnd: (partition: number, high: string) => void;
      /** The partition's first offset the broker still holds (records before it were deleted by retention). */
      logStart: (partition: number) => Promise<string>;
      /** The records are not of the stored offsets' log, or may not be: the session must position itself again. */
      repositionNeeded: (reason: string) => void;
      /** A batch of `records` was read, of which `kept` are to be applied (the others passed over). */
      read?: (records: number, kept: number) => void;
    },
  ) {}

  async handle(payload: EachBatchPayload): Promise<void> {
    const { batch, resolveOffset, heartbeat, isRunning, isStale } = payload;
    // A batch fetched before a seek or a rejoin describes positions no longer asked for.
    if (isStale()) return;
    const fetchedAt = systemClock.now();
    this.context.sawLogEnd(batch.partition, batch.highWatermark);
    const live = this.guard.caughtUp(batch.partition);
    const proving = this.guard.provingOffset(batch.partition);
    const stored = this.storage.offsets.next(batch.topic, batch.partition);
    const found = this.guard.check(batch.partition, batch.highWatermark, stored, batch.messages, batch.lastOffset());
    if (found?.kind === 'moved') {
      // Only a proven difference makes a new log; a position that went back is checked by the next session's plan.
      if (found.proven) {
        const now = this.context.now();
        this.storage.transact((tx) => recordTopicReplaced(tx, this.target.topic, found.reason, this.context.lookBackMinutes, now));
        this.context.log('warn', `${this.target.topic} is a new log (${found.reason}); reading it again from the look-back window`);
      } else this.context.log('warn', `${this.target.topic}: ${found.reason}; checking the log`);
      this.context.repositionNeeded(found.reason);
      return;
    }
    if (found?.kind === 'skipped' && BigInt(await this.context.logStart(batch.partition)) > BigInt(found.from)) {
      // The client moved past records retention deleted before they were read: the next plan counts them on screen.
      const reason = `partition ${batch.partition} continued at offset ${found.to}, records from offset ${found.from} were deleted before they were read`;
      this.context.log('warn', `${this.target.topic}: ${reason}; checking the log`);
      this.context.repositionNeeded(reason);
      return;
    }
    // The record re-read only to prove the log is not applied or counted again.
    const messages = proving !== undefined && batch.messages[0]?.offset === proving ? batch.messages.slice(1) : batch.messages;
    const { merchantId } = this.target;
    let records = batchItems(batch.topic, batch.partition, messages, live, merchantId === undefined ? undefined : { merchantId, stored });
    this.context.read?.(messages.length, countKept(records));
    if (this.target.prepare) {
      const own = records.filter((item) => !isPassedOver(item));
      const ready = own.length > 0 ? await this.target.prepare(own) : own;
      if (!isRunning() || isStale()) return;
      // `prepare` answers with the records to apply now, a subset of those it was given (the others wait for their schema).
      if (ready.length !== own.length) {
        const kept = new Set(ready);
        records = records.filter((item) => isPassedOver(item) || kept.has(item));
      }
    }
    for (let start = 0; start < records.length;) {
      if (!isRunning() || isStale()) return;
      const chunk = records.slice(start, start + CHUNK_RECORDS);
      const { target } = this;
      const { taken } = processChunk(this.storage, chunk, target.handle, target.counterPrefix, this.context.now(), CHUNK_BUDGET_MS);
      if (hopTraceEnabled && live)
        traceHops(
          chunk.slice(0, taken).filter((item) => !isPassedOver(item)),
          fetchedAt,
          systemClock.now(),
        );
      start += taken;
      const last = records[start - 1];
      if (last) resolveOffset(last.offset);
      await heartbeat();
      await new Promise((resolve) => setImmediate(resolve));
    }
    if (!isRunning() || isStale()) return;
    this.passMarkers(batch.partition, batch.lastOffset());
    resolveOffset(batch.lastOffset());
  }

  /**
   * A transactional producer (the order router, Kafka Streams, any exactly-once pipeline) ends each
   * transaction with a marker that takes an offset and holds no record: the position moves past
   * it, or the partition would never look caught up (lag 1 for ever, no ticket ever "live").
   */
  passMarkers(partition: number, lastOffset: string): void {
    const next = (BigInt(lastOffset) + 1n).toString();
    const stored = this.storage.offsets.next(this.target.topic, partition);
    if (stored === undefined || BigInt(next) <= BigInt(stored)) return;
    const now = this.context.now();
    this.storage.transact((tx) => {
      tx.changes.status = tx.offsets.passMarkers(this.target.topic, partition, next, now);
    }, 'replayable');
  }
}

function countKept(items: readonly ChunkItem[]): number {
  let kept = 0;
  for (const item of items) if (!isPassedOver(item)) kept += 1;
  return kept;
}
