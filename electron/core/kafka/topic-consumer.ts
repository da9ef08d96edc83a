import type { Admin, Consumer, EachBatchPayload } from 'kafkajs';
import type { KdsConfig } from '../../../shared/config';
import type { IncomingRecord } from '../ingest/decode-record';
import { processChunk, type RecordHandler } from '../ingest/process-chunk';
import type { IngestStore } from '../store/ingest-store';
import { checkCluster, EnvironmentGuardError } from './environment-guard';
import { createKafka, type Log } from './kafka-client';

export type ConsumerState = 'starting' | 'running' | 'reconnecting' | 'refused' | 'stopped';

export interface ConsumerHooks {
  log: Log;
  /** Called after every committed chunk, so the screen can follow a draining backlog. */
  onApplied: () => void;
  onState: (state: ConsumerState, detail?: string) => void;
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
  private joined = false;
  private wake: () => void = () => undefined;
  private cutBackoff: () => void = () => undefined;
  private loop: Promise<void> | undefined;
  private consumer: Consumer | undefined;
  readonly highWatermarks = new Map<number, string>();

  constructor(
    private readonly config: KdsConfig,
    private readonly store: IngestStore,
    private readonly spec: TopicSpec,
    private readonly hooks: ConsumerHooks,
  ) {}

  start(): void {
    this.loop ??= this.supervise();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake();
    await this.loop;
    this.hooks.onState('stopped');
  }

  /** The broker answers again: reconnect now instead of at the end of the backoff. */
  retryNow(): void {
    this.cutBackoff();
    this.cutBackoff = () => undefined;
  }

  private async supervise(): Promise<void> {
    let failures = 0;
    while (!this.stopped) {
      this.hooks.onState(failures === 0 ? 'starting' : 'reconnecting');
      this.joined = false;
      try {
        await this.session();
      } catch (error) {
        if (error instanceof EnvironmentGuardError) {
          this.hooks.log('error', error.message);
          this.hooks.onState('refused', error.message);
          return;
        }
        this.hooks.log('warn', `${this.spec.label} consumer: ${(error as Error).message}`);
      }
      if (this.stopped) return;
      // A session that got as far as joining the group starts the backoff afresh.
      failures = this.joined ? 1 : failures + 1;
      this.hooks.onState('reconnecting');
      await this.sleep(Math.min(MAX_RECONNECT_DELAY_MS, 500 * 2 ** Math.min(failures, 8)));
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
      this.cutBackoff = this.wake;
    });
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
    this.consumer = consumer;
    const ended = new Promise<string>((resolve) => {
      consumer.on(consumer.events.CRASH, (event) => resolve(`consumer crashed: ${event.payload.error.message}`));
      this.wake = () => resolve('stopping');
    });
    try {
      await consumer.connect();
      await consumer.subscribe({ topic: this.spec.topic, fromBeginning: true });
      consumer.on(consumer.events.GROUP_JOIN, (event) => {
        this.joined = true;
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
      this.consumer = undefined;
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
    const storedBy = new Map(this.store.offsets(topic).map((o) => [o.partition, o.nextOffset]));
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
        this.store.setNextOffset(topic, partition, offset, Date.now());
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
      const { taken } = processChunk(this.store, chunk, this.spec.handle, this.spec.counterPrefix, Date.now(), CHUNK_BUDGET_MS);
      start += taken;
      const last = records[start - 1];
      if (last) resolveOffset(last.offset);
      this.hooks.onApplied();
      await heartbeat();
      await new Promise((resolve) => setImmediate(resolve));
    }
    const next = this.store.nextOffset(batch.topic, batch.partition);
    if (next !== undefined) {
      await consumer.commitOffsets([{ topic: batch.topic, partition: batch.partition, offset: next }]).catch((error: Error) => {
        this.hooks.log('warn', `lag-monitoring commit failed: ${error.message}`);
      });
    }
  }
}
