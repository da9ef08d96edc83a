import type { Admin, Consumer, EachBatchPayload } from 'kafkajs';
import type { KdsConfig } from '../../../shared/config';
import type { IncomingRecord } from '../ingest/decode-record';
import { processChunk, type RecordHandler } from '../ingest/process-chunk';
import { systemClock, type Clock } from '../lib/clock';
import { SupervisedLoop } from '../lib/supervised-loop';
import type { Storage } from '../store/storage';
import { checkCluster, EnvironmentGuardError } from './environment-guard';
import { positionGroup } from './group-position';
import { createKafka, type Log } from './kafka-client';
import { LogGuard } from './log-guard';
import { merchantAssigner } from './merchant-partitions';
import { PartitionWatch, type WatchFinding } from './partition-watch';
import { recordNewLog } from './log-notes';

export type ConsumerState = 'starting' | 'running' | 'reconnecting' | 'refused' | 'stopped';

export interface ConsumerHooks {
  log: Log;
  onState: (state: ConsumerState, detail?: string) => void;
  clock?: Clock;
}

/**
 * Time per SQLite transaction before yielding. The core has its own thread, so this bounds how long
 * a cook's tap waits behind a catch-up, not the screen; each commit cost a fifth of an 8-ms chunk.
 */
const CHUNK_BUDGET_MS = 25;
/**
 * How long the broker holds a fetch that finds nothing new (new records answer it at once): the
 * longer, the fewer wake-ups of an idle terminal; a stopping consumer waits out the one in flight.
 */
const FETCH_WAIT_MS = 1_000;
/** How often the offsets applied are committed to Kafka, for the platform's lag monitoring. */
const LAG_COMMIT_INTERVAL_MS = 5_000;
/** A kitchen waits at most this long for a reconnection attempt once the broker is back. */
const MAX_RECONNECT_DELAY_MS = 10_000;
/** How often a running consumer looks for partitions added to its topic. */
const PARTITION_WATCH_MS = 5_000;
/** A session ended on purpose to join the group again (partitions added, a new log). */
const RESTART = 'restart';

/** The order consumer's group (DESIGN.md §4); the kitchen-events consumer adds `.kitchen`. */
export function consumerGroupId(config: KdsConfig): string {
  return `kds.${config.env}.${config.merchantId}.${config.terminalId}`;
}

/** What one consumer reads and how it applies a record. */
export interface TopicSpec {
  topic: string;
  groupId: string;
  /** Names the consumer in logs ("orders", "kitchen events"). */
  label: string;
  handle: RecordHandler;
  /** Outcome counters are `<counterPrefix>.<outcome>`. */
  counterPrefix: string;
  /**
   * Routed mode: the partitions to read of the topic's `partitionCount` (the merchant's), given
   * to this terminal's group by the merchant assigner. Without it, every partition.
   */
  select?: (partitionCount: number) => readonly number[] | Promise<readonly number[]>;
}

/**
 * A consumer of one of the merchant's topics (orders, kitchen events). Offsets live in SQLite
 * with the state they produced; the group is positioned from them before joining, and records
 * below the stored offset are skipped, so redelivery after a crash applies nothing twice. Kafka commits trail SQLite and
 * serve lag monitoring only. Any failure (broker down at start included) is retried forever
 * with capped backoff; an environment mismatch is final.
 */
export class TopicConsumer {
  private stopped = false;
  private refused = false;
  private failedBefore = false;
  private endSession: (reason: string) => void = () => undefined;
  /** Partitions of the topic when the session started. */
  private partitionCount = 0;
  private readonly guard: LogGuard;
  /** A replay asked for by support, applied at the next positioning. */
  private replaySince: number | undefined;
  /** Log start offsets as of the session start, for partition health. */
  logStarts = new Map<number, string>();
  private readonly loop: SupervisedLoop;
  readonly highWatermarks = new Map<number, string>();
  /** Partitions of this topic the group gave this terminal at its last join this session; undefined until it joined. */
  private assigned: readonly number[] | undefined;
  private readonly partitionWatch: PartitionWatch;
  /** Partitions this terminal reads this session (all, or its merchant's); undefined until a session positioned them. */
  private reading: readonly number[] | undefined;
  /** A rejoin asked for since this session chose its partitions. */
  private rejoinWanted = false;
  /** Applied positions as last committed to Kafka (for the platform's lag monitoring only). */
  private readonly lagCommitted = new Map<number, string>();

  constructor(
    private readonly config: KdsConfig,
    private readonly storage: Storage,
    private readonly spec: TopicSpec,
    private readonly hooks: ConsumerHooks,
  ) {
    this.guard = new LogGuard(spec.topic);
    this.partitionWatch = new PartitionWatch(() => this.now());
    this.loop = new SupervisedLoop({
      name: `${spec.label} consumer`,
      tick: () => this.runSession(),
      backoff: { baseMs: 1_000, capMs: MAX_RECONNECT_DELAY_MS },
      onError: (_name, error) => {
        this.failedBefore = true;
        this.hooks.log('warn', `${this.spec.label} consumer: ${error.message}`);
        this.hooks.onState('reconnecting');
      },
      clock: hooks.clock,
    });
  }

  start(): void {
    this.loop.start();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.endSession('stopping');
    await this.loop.stop();
    this.hooks.onState('stopped');
  }

  /**
   * Reads the topic again from `since` (support's repair): the session restarts and every
   * partition starts at the first offset at or after that time. Deduplication keeps it exact.
   */
  replayFrom(since: number): void {
    this.replaySince = since;
    this.endSession(RESTART);
    this.loop.retryNow();
  }

  /** The terminal's time (its injected clock), as every record applied is stamped with it. */
  private now(): number {
    return (this.hooks.clock ?? systemClock).now();
  }

  /** Joins the group again with the partitions `select` names now (the merchant's shard count changed). */
  rejoin(): void {
    // Asked while a session is still positioning (before it can be ended), it ends that session as soon as it can.
    this.rejoinWanted = true;
    this.endSession(RESTART);
  }

  /** The broker answers again: reconnect now instead of at the end of the backoff. */
  retryNow(): void {
    this.loop.retryNow();
  }

  /** One consumer session, from connecting to its end; a crash throws, so the loop backs off and reconnects. */
  private async runSession(): Promise<'idle'> {
    if (this.refused || this.stopped) return 'idle';
    this.hooks.onState(this.failedBefore ? 'reconnecting' : 'starting');
    try {
      await this.session();
    } catch (error) {
      if (!(error instanceof EnvironmentGuardError)) throw error;
      // Final: a terminal pinned to another cluster never consumes from this one.
      this.refused = true;
      this.hooks.log('error', error.message);
      this.hooks.onState('refused', error.message);
    }
    return 'idle';
  }

  private async session(): Promise<void> {
    this.rejoinWanted = false;
    this.assigned = undefined;
    const kafka = createKafka(this.config, this.hooks.log, {}, (entry) => {
      if (this.guard.clientSaysLogMoved(entry)) this.endSession(RESTART);
    });
    const admin = kafka.admin();
    await admin.connect();
    let starts: Map<number, string>;
    try {
      const cluster = await admin.describeCluster();
      checkCluster(this.config, cluster.clusterId);
      const positioned = await positionGroup(admin, this.storage, {
        topic: this.spec.topic,
        groupId: this.spec.groupId,
        clusterId: cluster.clusterId,
        lookBackMinutes: this.config.startFromMinutes,
        log: this.hooks.log,
        replaySince: this.replaySince,
        select: this.spec.select,
      });
      this.replaySince = undefined;
      starts = positioned.starts;
      this.partitionCount = positioned.partitionCount;
      this.reading = positioned.logs.map((l) => l.partition);
      this.highWatermarks.clear();
      for (const { partition, high } of positioned.logs) this.highWatermarks.set(partition, high);
      this.logStarts = new Map(positioned.logs.map((l) => [l.partition, l.low]));
      this.guard.startSession(positioned.verify);
    } catch (error) {
      await admin.disconnect().catch(() => undefined);
      throw error;
    }
    if (this.stopped) {
      await admin.disconnect().catch(() => undefined);
      return;
    }

    const sessionTimeout = this.config.kafka.sessionTimeoutMs;
    const consumer = kafka.consumer({
      groupId: this.spec.groupId,
      sessionTimeout,
      heartbeatInterval: Math.floor(sessionTimeout / 4),
      rebalanceTimeout: Math.max(sessionTimeout, 10_000),
      maxWaitTimeInMs: FETCH_WAIT_MS,
      // Smaller fetches decode in shorter slices of the event loop than kafkajs' 10 MB default.
      maxBytes: 2 * 1024 * 1024,
      // A kitchen terminal never creates topics on the platform's cluster (a deleted topic must stay missing, not come back empty).
      allowAutoTopicCreation: false,
      ...(this.spec.select ? { partitionAssigners: [merchantAssigner(() => this.reading ?? [])] } : {}),
      retry: { retries: 3, initialRetryTime: 300, maxRetryTime: 3_000, restartOnFailure: async () => false },
    });
    const ended = new Promise<string>((resolve) => {
      consumer.on(consumer.events.CRASH, (event) => resolve(`consumer crashed: ${event.payload.error.message}`));
      this.endSession = resolve;
      if (this.rejoinWanted) resolve(RESTART);
    });
    if (this.stopped) this.endSession('stopping');
    const watch = this.watchPartitions(admin, consumer);
    try {
      await consumer.connect();
      await consumer.subscribe({ topic: this.spec.topic, fromBeginning: true });
      // A fetch of markers only never reaches eachBatch: kafkajs reports it as a batch of no records.
      consumer.on(consumer.events.START_BATCH_PROCESS, ({ payload }) => {
        if (payload.topic !== this.spec.topic || payload.batchSize > 0) return;
        this.guard.passed(payload.partition, payload.lastOffset, payload.highWatermark);
        this.passMarkers(payload.partition, payload.lastOffset);
      });
      consumer.on(consumer.events.GROUP_JOIN, (event) => {
        // A session that got as far as joining the group starts the backoff afresh.
        this.loop.resetBackoff();
        const assigned = event.payload.memberAssignment[this.spec.topic] ?? [];
        this.assigned = assigned;
        this.guard.joined();
        this.repositionOnJoin(consumer, assigned, starts);
        this.hooks.onState('running', this.sharedGroupWarning(assigned));
      });
      await consumer.run({
        // Kafka's committed offsets serve lag monitoring only (positions come from SQLite). kafkajs' own auto-commit
        // commits after every batch of eachBatch (its interval only spaces eachMessage's): a round trip that held
        // every next fetch — and so every live ticket — back by ~7 ms per partition. This terminal commits on a timer.
        autoCommit: false,
        eachBatchAutoResolve: false,
        partitionsConsumedConcurrently: 1,
        eachBatch: (payload) => this.onBatch(payload),
      });
      const lagCommits = setInterval(() => void this.commitLag(consumer).catch(() => undefined), LAG_COMMIT_INTERVAL_MS);
      const reason = await ended.finally(() => clearInterval(lagCommits));
      if (reason === 'stopping') return;
      if (reason === RESTART) return this.loop.wake();
      throw new Error(reason);
    } finally {
      watch.stop();
      await consumer.disconnect().catch(() => undefined);
      await admin.disconnect().catch(() => undefined);
    }
  }

  /** Commits the positions applied in SQLite that moved since the last commit, for the platform's lag monitoring. */
  private async commitLag(consumer: Consumer): Promise<void> {
    const moved = (this.assigned ?? []).flatMap((partition) => {
      const offset = this.storage.offsets.next(this.spec.topic, partition);
      return offset === undefined || this.lagCommitted.get(partition) === offset ? [] : [{ topic: this.spec.topic, partition, offset }];
    });
    if (moved.length === 0) return;
    await consumer.commitOffsets(moved);
    for (const { partition, offset } of moved) this.lagCommitted.set(partition, offset);
  }

  /**
   * Every join (the first, and each rebalance that hands this terminal partitions) moves each
   * assigned partition to where SQLite says it continues, whatever Kafka's committed offsets
   * say: another member (a terminal sharing this id, a crashed process) may have committed
   * offsets this terminal never applied.
   */
  private repositionOnJoin(consumer: Consumer, assigned: readonly number[], starts: ReadonlyMap<number, string>): void {
    for (const partition of assigned) {
      const offset = this.guard.provingOffset(partition) ?? this.storage.offsets.next(this.spec.topic, partition) ?? starts.get(partition);
      if (offset !== undefined) consumer.seek({ topic: this.spec.topic, partition, offset });
    }
  }

  /**
   * Partitions added to the topic while the terminal runs are read within seconds: kafkajs would
   * notice them only at its next metadata refresh (minutes), so the session restarts and the
   * group is joined again with every partition. So does a log that ends below the stored offset
   * (a recreated topic: the position plan sees the new log), a join that left out partitions this
   * terminal reads, and a partition whose records wait unread (partition-watch.ts).
   */
  private watchPartitions(admin: Admin, consumer: Consumer): { stop: () => void } {
    this.partitionWatch.sessionStarted();
    const loop = new SupervisedLoop({
      name: `${this.spec.label} partition watch`,
      tick: async () => {
        const found = await this.partitionWatch.look({
          storedOffsets: () => new Map(this.storage.offsets.all(this.spec.topic).map((o) => [o.partition, o.nextOffset])),
          logEnds: () => admin.fetchTopicOffsets(this.spec.topic),
          partitionCount: this.partitionCount,
          reading: this.reading ?? [],
          assigned: this.assigned,
          othersInGroup: async () => (await consumer.describeGroup()).members.length > 1,
        });
        if (found.kind === 'same') return PARTITION_WATCH_MS;
        this.hooks.log(found.kind === 'added' ? 'info' : 'warn', `${this.spec.topic}: ${this.describeFinding(found)}; joining again`);
        this.endSession(RESTART);
        return 'idle';
      },
      backoff: { baseMs: PARTITION_WATCH_MS, capMs: PARTITION_WATCH_MS },
      onError: () => undefined,
      clock: this.hooks.clock,
    });
    loop.start();
    return { stop: () => void loop.stop() };
  }

  private describeFinding(found: Exclude<WatchFinding, { kind: 'same' }>): string {
    switch (found.kind) {
      case 'added':
        return `${found.partitions} partitions (was ${this.partitionCount})`;
      case 'beyond-end':
        return `partition ${found.partition} ends below the stored offset`;
      case 'unassigned':
        return `the group's assignment left out partition(s) ${found.partitions.join(', ')}`;
      case 'stalled':
        return `partition ${found.partition} has records from offset ${found.stored} to ${BigInt(found.logEnd) - 1n} and none was read for ${found.seconds} s`;
    }
  }

  /**
   * Each terminal has its own group, so it must be given every partition. Fewer means another
   * process joined the same group — two terminals configured with one terminal id, each silently
   * missing the other's share of tickets — or a crashed member not yet expired (which clears
   * itself at the next rebalance).
   */
  private sharedGroupWarning(assigned: readonly number[]): string | undefined {
    const reading = this.reading ?? [];
    const given = reading.filter((partition) => assigned.includes(partition)).length;
    if (reading.length === 0 || given >= reading.length) return undefined;
    return `terminal id "${this.config.terminalId}" is in use elsewhere: this screen gets ${given} of the ${reading.length} partitions it reads of ${this.spec.topic}, so it misses tickets`;
  }

  /** The partitions read this session (every one, or the merchant's in routed mode); undefined before a session positioned them. */
  partitionsRead(): readonly number[] | undefined {
    return this.reading;
  }

  private async onBatch(payload: EachBatchPayload): Promise<void> {
    const { batch, resolveOffset, heartbeat, isRunning, isStale } = payload;
    this.highWatermarks.set(batch.partition, batch.highWatermark);
    const live = this.guard.caughtUp(batch.partition);
    const records: IncomingRecord[] = batch.messages.map((message) => ({
      topic: batch.topic,
      partition: batch.partition,
      offset: message.offset,
      value: message.value,
      key: message.key,
      timestamp: message.timestamp,
      live,
      headers: message.headers,
    }));
    const proving = this.guard.provingOffset(batch.partition);
    const stored = this.storage.offsets.next(batch.topic, batch.partition);
    const moved = this.guard.check(batch.partition, batch.highWatermark, stored, records, batch.lastOffset());
    if (moved) {
      // Only a proven difference makes a new log; a position that went back is checked by the next session's plan.
      if (moved.proven) {
        this.storage.transact((tx) => recordNewLog(tx, this.spec.topic, moved.reason, this.config.startFromMinutes, this.now()));
        this.hooks.log('warn', `${this.spec.topic} is a new log (${moved.reason}); reading it again from the look-back window`);
      } else this.hooks.log('warn', `${this.spec.topic}: ${moved.reason}; checking the log`);
      this.endSession(RESTART);
      return;
    }
    // The record re-read only to prove the log is not applied or counted again.
    if (proving !== undefined && records[0]?.offset === proving) records.shift();
    for (let start = 0; start < records.length;) {
      if (!isRunning() || isStale()) return;
      const chunk = records.slice(start, start + 2_000);
      const { taken } = processChunk(this.storage, chunk, this.spec.handle, this.spec.counterPrefix, this.now(), CHUNK_BUDGET_MS);
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
  private passMarkers(partition: number, lastOffset: string): void {
    const next = (BigInt(lastOffset) + 1n).toString();
    const stored = this.storage.offsets.next(this.spec.topic, partition);
    if (stored === undefined || BigInt(next) <= BigInt(stored)) return;
    this.storage.transact((tx) => {
      tx.changes.status = tx.offsets.passMarkers(this.spec.topic, partition, next, this.now());
    }, 'replayable');
  }
}
