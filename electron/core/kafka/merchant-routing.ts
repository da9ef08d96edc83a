import type { Consumer, EachBatchPayload } from 'kafkajs';
import type { KdsConfig } from '../../../shared/config';
import { routingEntrySchema } from '../../../shared/routing-table';
import type { Clock } from '../lib/clock';
import { SupervisedLoop } from '../lib/supervised-loop';
import { createKafka, type Log } from './kafka-client';

/** How often a terminal whose routing topic is missing looks for it again. */
const MISSING_TOPIC_RETRY_MS = 30_000;

export type RoutingState = { kind: 'reading' } | { kind: 'known'; shards: number } | { kind: 'missing'; detail: string };

/**
 * Routed mode: how many shards the platform spreads this merchant over, from the compacted
 * `<env>.kds-routing` topic (shared/routing-table.ts), read from its beginning at every start and
 * followed while the terminal runs. A change after the first read calls `onChange` (the order
 * consumer joins again with the new partitions). A topic that does not exist means one shard,
 * said on the status bar until it appears: a merchant sharded by a table this terminal cannot
 * read would silently lose tickets.
 */
export class MerchantRouting {
  private state: RoutingState = { kind: 'reading' };
  private shards = 1;
  private readonly waiting = new Set<() => void>();
  private endSession: (reason?: string) => void = () => undefined;
  private readonly loop: SupervisedLoop;
  private stopped = false;

  constructor(
    private readonly config: KdsConfig,
    private readonly groupId: string,
    private readonly hooks: { log: Log; onChange: (shards: number) => void; onState?: (state: RoutingState) => void; clock?: Clock },
  ) {
    this.loop = new SupervisedLoop({
      name: 'routing table reader',
      tick: () => this.session(),
      backoff: { baseMs: 1_000, capMs: 10_000 },
      onError: (_name, error) => this.hooks.log('warn', `routing table ${this.config.topics.routingTable}: ${error.message}`),
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
    this.release();
  }

  /** What is known of the table now. */
  current(): RoutingState {
    return this.state;
  }

  /** The merchant's shard count once the table has been read to its end at least once (or found missing). */
  async shardCount(): Promise<number> {
    if (this.state.kind === 'reading' && !this.stopped) await new Promise<void>((resolve) => this.waiting.add(resolve));
    return this.shards;
  }

  private settle(state: RoutingState): void {
    const shards = state.kind === 'known' ? state.shards : 1;
    const first = this.state.kind === 'reading';
    const changed = shards !== this.shards;
    const same = !first && !changed && state.kind === this.state.kind;
    this.state = state;
    this.shards = shards;
    this.release();
    if (same) return;
    this.hooks.onState?.(state);
    if (!first && changed) {
      this.hooks.log('info', `merchant ${this.config.merchantId} is now spread over ${shards} shard(s); reading its partitions again`);
      this.hooks.onChange(shards);
    }
  }

  private release(): void {
    for (const resolve of this.waiting) resolve();
    this.waiting.clear();
  }

  private async session(): Promise<number | 'idle'> {
    if (this.stopped) return 'idle';
    const topic = this.config.topics.routingTable;
    const kafka = createKafka(this.config, this.hooks.log);
    const admin = kafka.admin();
    await admin.connect();
    let logs: { partition: number; low: string; high: string }[];
    try {
      logs = await admin.fetchTopicOffsets(topic);
    } catch (error) {
      if ((error as { type?: string }).type !== 'UNKNOWN_TOPIC_OR_PARTITION') throw error;
      this.settle({ kind: 'missing', detail: `routing topic ${topic} does not exist: every merchant is read as one shard` });
      return MISSING_TOPIC_RETRY_MS;
    } finally {
      await admin.disconnect().catch(() => undefined);
    }
    let entry: number | undefined;
    // Partitions still to read up to where they ended when the session began.
    const ends = new Map(logs.map((log) => [log.partition, BigInt(log.high)]));
    const behind = new Set(logs.filter((log) => BigInt(log.high) > BigInt(log.low)).map((log) => log.partition));
    const caughtUp = () => {
      if (behind.size === 0) this.settle({ kind: 'known', shards: entry ?? 1 });
    };
    const consumer: Consumer = kafka.consumer({ groupId: this.groupId, allowAutoTopicCreation: false, maxWaitTimeInMs: 1_000 });
    const ended = new Promise<string | undefined>((resolve) => {
      consumer.on(consumer.events.CRASH, (event) => resolve(`routing table reader crashed: ${event.payload.error.message}`));
      this.endSession = resolve;
      // Stopped while this session was connecting: the stop could not reach it yet.
      if (this.stopped) resolve('stopping');
    });
    // A fetch that brought nothing means nothing is left to read (a log ending in a transaction marker never
    // shows its last offset in a batch).
    let batchesSinceFetch = 0;
    let fetched = false;
    consumer.on(consumer.events.FETCH, () => {
      fetched = true;
      batchesSinceFetch = 0;
    });
    consumer.on(consumer.events.FETCH_START, () => {
      if (!fetched || batchesSinceFetch > 0) return;
      behind.clear();
      caughtUp();
    });
    try {
      await consumer.connect();
      await consumer.subscribe({ topic, fromBeginning: true });
      // Nothing is committed: every start reads the whole (compacted, small) table again.
      await consumer.run({
        autoCommit: false,
        eachBatch: ({ batch }: EachBatchPayload) => {
          batchesSinceFetch += 1;
          for (const message of batch.messages) {
            if (message.key?.toString('utf8') !== this.config.merchantId) continue;
            entry = this.shardsOf(message.value);
          }
          if (BigInt(batch.lastOffset()) + 1n >= (ends.get(batch.partition) ?? 0n)) behind.delete(batch.partition);
          caughtUp();
          return Promise.resolve();
        },
      });
      caughtUp();
      const reason = await ended;
      if (reason === 'stopping') return 'idle';
      throw new Error(reason ?? 'routing table reader ended');
    } finally {
      await consumer.disconnect().catch(() => undefined);
    }
  }

  /** A record's shard count: a tombstone, or an entry that cannot be read (said in the log), is one — as the router reads it. */
  private shardsOf(value: Buffer | null): number {
    if (value === null) return 1;
    try {
      const parsed = routingEntrySchema.safeParse(JSON.parse(value.toString('utf8')));
      if (parsed.success) return parsed.data.shards;
      this.hooks.log(
        'warn',
        `routing table entry for ${this.config.merchantId} read as one shard: ${parsed.error.issues[0]?.message ?? 'invalid'}`,
      );
    } catch {
      this.hooks.log('warn', `routing table entry for ${this.config.merchantId} read as one shard: not JSON`);
    }
    return 1;
  }
}
