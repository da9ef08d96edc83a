import type { Producer } from 'kafkajs';
import type { KdsConfig } from '../../../shared/config';
import { MERCHANT_HEADER } from '../../../shared/order-events';
import { checkCluster, EnvironmentGuardError } from '../kafka/environment-guard';
import { createKafka, type Log } from '../kafka/kafka-client';
import type { IngestStore } from '../store/ingest-store';
import type { OutboxEntry, OutboxStore } from './outbox-store';

/** Actions per produce request; one request keeps each order's events in their order. */
const BATCH_SIZE = 200;
const MAX_BACKOFF_MS = 10_000;
/** How long to wait for this terminal to read the topic back before publishing unconfirmed rows. */
const RECONCILE_TIMEOUT_MS = 30_000;

export interface PublisherHooks {
  log: Log;
  /** The outbox shrank or a publish failed: the status bar's count may have changed. */
  onChange: () => void;
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
  private stopped = false;
  private loop: Promise<void> | undefined;
  private wakeUp: () => void = () => undefined;
  private stopNow: () => void = () => undefined;
  private cutBackoff: () => void = () => undefined;
  private producer: Producer | undefined;

  constructor(
    private readonly config: KdsConfig,
    private readonly outbox: OutboxStore,
    private readonly offsets: IngestStore,
    private readonly hooks: PublisherHooks,
  ) {}

  start(): void {
    this.loop ??= this.run();
  }

  /** New actions are waiting: publish now rather than at the next idle check. */
  wake(): void {
    this.wakeUp();
  }

  /** The broker answers again: publish now instead of at the end of the backoff. */
  retryNow(): void {
    this.cutBackoff();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.stopNow();
    await this.loop;
    await this.dropProducer();
  }

  private async run(): Promise<void> {
    let failures = 0;
    let unconfirmed = true;
    while (!this.stopped) {
      const batch = this.outbox.head(BATCH_SIZE);
      if (batch.length === 0) {
        await this.sleep(5_000, true);
        continue;
      }
      try {
        if (unconfirmed) {
          await this.readBackTopic();
          unconfirmed = false;
          continue;
        }
        await this.publish(batch);
        this.outbox.confirmSent(batch);
        failures = 0;
        this.hooks.onChange();
      } catch (error) {
        if (this.stopped) return;
        if (error instanceof EnvironmentGuardError) {
          // Final: a terminal pinned to another cluster must never write to this one.
          this.outbox.recordFailure(batch, error.message);
          this.hooks.log('error', error.message);
          this.hooks.onChange();
          return;
        }
        failures += 1;
        unconfirmed = true;
        const message = (error as Error).message;
        this.outbox.recordFailure(batch, message);
        this.hooks.log('warn', `kitchen events: ${batch.length} action(s) not sent yet (${message}); retrying`);
        this.hooks.onChange();
        await this.dropProducer();
        // Backoff is not cut short by new actions: taps while offline must not hammer the broker.
        await this.sleep(Math.min(MAX_BACKOFF_MS, 500 * 2 ** Math.min(failures, 8)), false);
      }
    }
  }

  private async publish(batch: readonly OutboxEntry[]): Promise<void> {
    if (!this.producer) {
      const producer = createKafka(this.config, this.hooks.log).producer({
        idempotent: true,
        maxInFlightRequests: 1,
        allowAutoTopicCreation: false,
      });
      await producer.connect();
      this.producer = producer;
    }
    await this.producer.send({
      topic: this.config.topics.kitchenEvents,
      acks: -1,
      messages: batch.map((entry) => ({
        key: entry.orderId,
        value: entry.json,
        headers: { [MERCHANT_HEADER]: this.config.merchantId },
      })),
    });
  }

  /**
   * Checks the cluster is the pinned one, then waits until the kitchen-events consumer's
   * stored offsets reach the topic's current end. Runs before the first publish of a session.
   */
  private async readBackTopic(): Promise<void> {
    const topic = this.config.topics.kitchenEvents;
    const admin = createKafka(this.config, this.hooks.log).admin();
    await admin.connect();
    let ends: { partition: number; high: string }[];
    try {
      checkCluster(this.config, (await admin.describeCluster()).clusterId, 'publish');
      ends = await admin.fetchTopicOffsets(topic);
    } finally {
      await admin.disconnect().catch(() => undefined);
    }
    const caughtUp = (): boolean =>
      ends.every(({ partition, high }) => BigInt(this.offsets.nextOffset(topic, partition) ?? '0') >= BigInt(high));
    const deadline = Date.now() + RECONCILE_TIMEOUT_MS;
    while (!caughtUp() && !this.stopped) {
      if (Date.now() > deadline) {
        this.hooks.log('warn', 'kitchen events: could not read the topic back in time; publishing (consumers dedupe by eventId)');
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    this.hooks.onChange();
  }

  private async dropProducer(): Promise<void> {
    const producer = this.producer;
    this.producer = undefined;
    // A fresh producer id after a failure: kafkajs' idempotent sequence state does not survive a lost request.
    await producer?.disconnect().catch(() => undefined);
  }

  private sleep(ms: number, wakeable: boolean): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      const done = (): void => {
        clearTimeout(timer);
        resolve();
      };
      this.stopNow = done;
      this.cutBackoff = done;
      this.wakeUp = wakeable ? done : () => undefined;
    });
  }
}
