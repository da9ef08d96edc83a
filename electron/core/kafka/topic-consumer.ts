import type { Admin, Consumer, EachBatchPayload } from 'kafkajs';
import type { KdsConfig } from '../../../shared/config';
import type { IncomingRecord } from '../ingest/decode-record';
import { processChunk, type RecordHandler } from '../ingest/process-chunk';
import type { Clock } from '../lib/clock';
import { SupervisedLoop } from '../lib/supervised-loop';
import type { Storage } from '../store/storage';
import { checkCluster, EnvironmentGuardError } from './environment-guard';
import { createKafka, type Log } from './kafka-client';

export type ConsumerState = 'starting' | 'running' | 'reconnecting' | 'refused' | 'stopped';

export interface ConsumerHooks {
  log: Log;
  onState: (state: ConsumerState, detail?: string) => void;
  clock?: Clock;
}

/** Time per SQLite transaction before yielding: short transactions keep the (Electron main) event loop responsive. */
const CHUNK_BUDGET_MS = 8;
/** A kitchen waits at most this long for a reconnection attempt once the broker is back. */
const MAX_RECONNECT_DELAY_MS = 10_000;

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
  private endSession: () => void = () => undefined;
  private readonly loop: SupervisedLoop;
  readonly highWatermarks = new Map<number, string>();

  constructor(
    private readonly config: KdsConfig,
    private readonly storage: Storage,
    private readonly spec: TopicSpec,
    private readonly hooks: ConsumerHooks,
  ) {
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
    this.endSession();
    await this.loop.stop();
    this.hooks.onState('stopped');
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
    const kafka = createKafka(this.config, this.hooks.log);
    const admin = kafka.admin();
    await admin.connect();
    try {
      const cluster = await admin.describeCluster();
      checkCluster(this.config, cluster.clusterId);
      await this.positionGroup(admin);
    } finally {
      await admin.disconnect().catch(() => undefined);
    }
    if (this.stopped) return;

    const sessionTimeout = this.config.kafka.sessionTimeoutMs;
    const consumer = kafka.consumer({
      groupId: this.spec.groupId,
      sessionTimeout,
      heartbeatInterval: Math.floor(sessionTimeout / 4),
      rebalanceTimeout: Math.max(sessionTimeout, 10_000),
      maxWaitTimeInMs: 250,
      // Smaller fetches decode in shorter slices of the event loop than kafkajs' 10 MB default.
      maxBytes: 2 * 1024 * 1024,
      retry: { retries: 3, initialRetryTime: 300, maxRetryTime: 3_000, restartOnFailure: async () => false },
    });
    const ended = new Promise<string>((resolve) => {
      consumer.on(consumer.events.CRASH, (event) => resolve(`consumer crashed: ${event.payload.error.message}`));
      this.endSession = () => resolve('stopping');
    });
    if (this.stopped) this.endSession();
    try {
      await consumer.connect();
      await consumer.subscribe({ topic: this.spec.topic, fromBeginning: true });
      consumer.on(consumer.events.GROUP_JOIN, (event) => {
        // A session that got as far as joining the group starts the backoff afresh.
        this.loop.resetBackoff();
        this.hooks.onState('running', this.sharedGroupWarning(event.payload.memberAssignment[this.spec.topic]?.length ?? 0));
      });
      await consumer.run({
        autoCommit: false,
        eachBatchAutoResolve: false,
        partitionsConsumedConcurrently: 1,
        eachBatch: (payload) => this.onBatch(consumer, payload),
      });
      const reason = await ended;
      if (reason !== 'stopping') throw new Error(reason);
    } finally {
      await consumer.disconnect().catch(() => undefined);
    }
  }

  /**
   * Each terminal has its own group, so it must be given every partition. Fewer means another
   * process joined the same group — two terminals configured with one terminal id, each silently
   * missing the other's share of tickets — or a crashed member not yet expired (which clears
   * itself at the next rebalance).
   */
  private sharedGroupWarning(assigned: number): string | undefined {
    const total = this.highWatermarks.size;
    if (total === 0 || assigned >= total) return undefined;
    return `terminal id "${this.config.terminalId}" is in use elsewhere: this screen gets ${assigned} of ${total} partitions of ${this.spec.topic}, so it misses tickets`;
  }

  /**
   * Points the group at SQLite's offsets (or, for a new terminal, at the look-back time)
   * before joining. If the group still has a member (a crashed process not yet expired),
   * Kafka refuses; that is safe, because records below SQLite's offsets are skipped anyway.
   */
  private async positionGroup(admin: Admin): Promise<void> {
    const { topic, groupId } = this.spec;
    const partitions = await admin.fetchTopicOffsets(topic);
    const [committed] = await admin.fetchOffsets({ groupId, topics: [topic] });
    const committedBy = new Map((committed?.partitions ?? []).map((p) => [p.partition, p.offset]));
    const storedBy = new Map(this.storage.offsets.all(topic).map((o) => [o.partition, o.nextOffset]));
    let lookBack: Map<number, string> | undefined;
    const targets: { partition: number; offset: string }[] = [];
    for (const { partition, high } of partitions) {
      this.highWatermarks.set(partition, high);
      const stored = storedBy.get(partition);
      const kafkaOffset = committedBy.get(partition) ?? '-1';
      if (stored !== undefined) {
        if (stored !== kafkaOffset) targets.push({ partition, offset: stored });
      } else if (kafkaOffset === '-1') {
        lookBack ??= await this.lookBackOffsets(admin, partitions);
        const offset = lookBack.get(partition) ?? high;
        targets.push({ partition, offset });
        // Stored at once, so the start point holds even if Kafka refuses to move the group.
        this.storage.transact((tx) => tx.offsets.set(topic, partition, offset, Date.now()));
      }
    }
    if (targets.length === 0) return;
    try {
      await admin.setOffsets({ groupId, topic, partitions: targets });
    } catch (error) {
      this.hooks.log(
        'warn',
        `could not position the consumer group yet (${(error as Error).message}); stored offsets still guard against reapplying`,
      );
    }
  }

  private async lookBackOffsets(admin: Admin, partitions: { partition: number; high: string }[]): Promise<Map<number, string>> {
    const since = Date.now() - this.config.startFromMinutes * 60_000;
    const found = await admin.fetchTopicOffsetsByTimestamp(this.spec.topic, since);
    const highs = new Map(partitions.map((p) => [p.partition, p.high]));
    return new Map(found.map((p) => [p.partition, p.offset === '-1' ? (highs.get(p.partition) ?? '0') : p.offset]));
  }

  private async onBatch(consumer: Consumer, payload: EachBatchPayload): Promise<void> {
    const { batch, resolveOffset, heartbeat, isRunning, isStale } = payload;
    this.highWatermarks.set(batch.partition, batch.highWatermark);
    const records: IncomingRecord[] = batch.messages.map((message) => ({
      topic: batch.topic,
      partition: batch.partition,
      offset: message.offset,
      value: message.value,
      headers: message.headers,
    }));
    for (let start = 0; start < records.length;) {
      if (!isRunning() || isStale()) return;
      const chunk = records.slice(start, start + 2_000);
      const { taken } = processChunk(this.storage, chunk, this.spec.handle, this.spec.counterPrefix, Date.now(), CHUNK_BUDGET_MS);
      start += taken;
      const last = records[start - 1];
      if (last) resolveOffset(last.offset);
      await heartbeat();
      await new Promise((resolve) => setImmediate(resolve));
    }
    const next = this.storage.offsets.next(batch.topic, batch.partition);
    if (next !== undefined) {
      await consumer.commitOffsets([{ topic: batch.topic, partition: batch.partition, offset: next }]).catch((error: Error) => {
        this.hooks.log('warn', `lag-monitoring commit failed: ${error.message}`);
      });
    }
  }
}
