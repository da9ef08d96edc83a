import type { Producer } from 'kafkajs';
import type { KdsConfig } from '../../../shared/config';
import { MERCHANT_HEADER } from '../../../shared/order-events';
import { systemClock, type Clock } from '../lib/clock';
import { SupervisedLoop } from '../lib/supervised-loop';
import { waitUntil } from '../lib/wait-until';
import type { OutboxEntry } from '../store/outbox';
import type { Storage } from '../store/storage';
import { merchantPartitions } from './merchant-partitions';
import { checkCluster, EnvironmentGuardError } from './environment-guard';
import { createKafka, type Log } from './kafka-client';

/** Actions per produce request; one request keeps each order's events in their order. */
const BATCH_SIZE = 200;
const MAX_BACKOFF_MS = 10_000;
/** How long to wait for this terminal to read the topic back before publishing unconfirmed rows. */
const RECONCILE_TIMEOUT_MS = 30_000;
/** Rows are added by actions, which wake the publisher; this is only a safety net. */
const IDLE_CHECK_MS = 5_000;

/** Where the publisher's batches go: the kitchen-events topic (kafkajs), or a test's stand-in. */
export interface PublishTransport {
  /** Checks the cluster is the pinned one (throws EnvironmentGuardError) and returns the topic's end offsets. */
  topicEnds(): Promise<{ partition: number; high: string }[]>;
  send(batch: readonly OutboxEntry[]): Promise<void>;
  /** Forgets the producer after a failure: its idempotent sequence state does not survive a lost request. */
  reset(): Promise<void>;
}

export interface PublisherHooks {
  log: Log;
  clock?: Clock;
}

/**
 * Drains the outbox to `<env>.kitchen-events` in order with an idempotent producer (acks all),
 * retrying forever with capped backoff while the broker is away.
 *
 * A publish whose acknowledgement was lost (broker cut, crash) may still have landed. Before
 * sending again after any failure, and after a restart, the publisher waits until this
 * terminal's kitchen-events consumer has read the topic up to its current end: the echoes of
 * landed rows take them out of the outbox, so nothing is published twice.
 */
export class OutboxPublisher {
  private readonly loop: SupervisedLoop;
  private readonly clock: Clock;
  private unconfirmed = true;
  private refused = false;
  private stopped = false;

  constructor(
    private readonly storage: Storage,
    private readonly kitchenTopic: string,
    private readonly transport: PublishTransport,
    private readonly hooks: PublisherHooks,
  ) {
    this.clock = hooks.clock ?? systemClock;
    this.loop = new SupervisedLoop({
      name: 'outbox publisher',
      tick: () => this.tick(),
      idleMs: IDLE_CHECK_MS,
      backoff: { baseMs: 1_000, capMs: MAX_BACKOFF_MS },
      onError: (_name, error) => this.hooks.log('warn', `kitchen events: actions not sent yet (${error.message}); retrying`),
      clock: this.clock,
    });
  }

  start(): void {
    this.loop.start();
  }

  /** New actions are waiting: publish now. A backoff after a failure is kept: taps while offline must not hammer the broker. */
  wake(): void {
    this.loop.wake();
  }

  /** The broker answers again: publish now instead of at the end of the backoff. */
  retryNow(): void {
    this.loop.retryNow();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.loop.stop();
    await this.transport.reset();
  }

  /** One pass: read the topic back if a publish may have landed unacknowledged, else send the next batch. */
  async tick(): Promise<'idle' | 0> {
    if (this.refused) return 'idle';
    const batch = this.storage.outbox.head(BATCH_SIZE);
    if (batch.length === 0) return 'idle';
    try {
      if (this.unconfirmed) {
        await this.readBackTopic();
        this.unconfirmed = false;
        return 0;
      }
      await this.transport.send(batch);
    } catch (error) {
      const message = (error as Error).message;
      this.storage.transact((tx) => {
        tx.outbox.recordFailure(batch, message);
        tx.changes.status = true;
      });
      if (error instanceof EnvironmentGuardError) {
        // Final: a terminal pinned to another cluster must never write to this one.
        this.refused = true;
        this.hooks.log('error', message);
        return 'idle';
      }
      this.unconfirmed = true;
      await this.transport.reset();
      throw error;
    }
    this.storage.transact((tx) => {
      tx.outbox.confirmSent(batch);
      tx.changes.status = true;
    });
    return 0;
  }

  /** Waits until the kitchen-events consumer's stored offsets reach the topic's current end. */
  private async readBackTopic(): Promise<void> {
    const ends = await this.transport.topicEnds();
    const topic = this.kitchenTopic;
    const caughtUp = (): boolean =>
      ends.every(({ partition, high }) => BigInt(this.storage.offsets.next(topic, partition) ?? '0') >= BigInt(high));
    const subscribe = (onChange: () => void) => this.storage.feed.subscribe(onChange);
    const done = await waitUntil(caughtUp, subscribe, RECONCILE_TIMEOUT_MS, this.clock, () => this.stopped);
    if (!done && !this.stopped) {
      this.hooks.log('warn', 'kitchen events: could not read the topic back in time; publishing (consumers dedupe by eventId)');
    }
    this.storage.feed.statusChanged();
  }
}

/**
 * The publisher's transport on kafkajs: idempotent producer, acks all, merchant header; key the
 * order id, or in routed mode the merchant id (kafkajs' default partitioner is Java's murmur2, so
 * the record lands on the partition every terminal of the merchant reads).
 */
export class KafkaPublishTransport implements PublishTransport {
  private producer: Producer | undefined;

  constructor(
    private readonly config: KdsConfig,
    private readonly log: Log,
    /** Kitchen events in Avro (avro-writer.ts); JSON as stored without it. */
    private readonly encode?: (json: string) => Promise<Buffer>,
  ) {}

  async topicEnds(): Promise<{ partition: number; high: string }[]> {
    const admin = createKafka(this.config, this.log).admin();
    await admin.connect();
    try {
      checkCluster(this.config, (await admin.describeCluster()).clusterId, 'publish');
      const logs = await admin.fetchTopicOffsets(this.config.topics.kitchenEvents);
      if (this.config.routing !== 'routed') return logs;
      const own = merchantPartitions(this.config.merchantId, 1, logs.length);
      return logs.filter((log) => own.includes(log.partition));
    } finally {
      await admin.disconnect().catch(() => undefined);
    }
  }

  async send(batch: readonly OutboxEntry[]): Promise<void> {
    if (!this.producer) {
      const producer = createKafka(this.config, this.log).producer({
        idempotent: true,
        maxInFlightRequests: 1,
        allowAutoTopicCreation: false,
      });
      await producer.connect();
      this.producer = producer;
    }
    const { encode } = this;
    const values = encode ? await Promise.all(batch.map((entry) => encode(entry.json))) : batch.map((entry) => entry.json);
    await this.producer.send({
      topic: this.config.topics.kitchenEvents,
      acks: -1,
      messages: batch.map((entry, index) => ({
        key: this.config.routing === 'routed' ? this.config.merchantId : entry.orderId,
        value: values[index] ?? entry.json,
        headers: { [MERCHANT_HEADER]: this.config.merchantId },
      })),
    });
  }

  async reset(): Promise<void> {
    const producer = this.producer;
    this.producer = undefined;
    await producer?.disconnect().catch(() => undefined);
  }
}
