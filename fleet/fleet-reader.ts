import { randomUUID } from 'node:crypto';
import { Kafka, logLevel, type Consumer, type EachBatchPayload } from 'kafkajs';
import { z } from 'zod';
import { terminalHealthSchema } from '../shared/terminal-health';
import type { FleetConfig } from './fleet-config';
import type { FleetState } from './fleet-state';

/** The fields of an order event the fleet reads (tolerant: anything else in it is ignored). */
const orderFields = z.object({ type: z.string(), orderId: z.string().min(1).max(128), merchantId: z.string().min(1).max(128) });
/** The fields of a kitchen event the fleet reads: a TICKET_SHOWN says the order reached a screen. */
const kitchenFields = z.object({ type: z.string(), orderId: z.string().min(1).max(128) });

export type Log = (level: 'info' | 'warn' | 'error', message: string) => void;

function parseJson(value: Buffer | null): unknown {
  if (value === null) return null;
  try {
    return JSON.parse(value.toString('utf8'));
  } catch {
    return undefined;
  }
}

/**
 * Reads the fleet's topics into its state: the compacted health topic from its beginning (the
 * fleet is rebuilt at every start), the orders and kitchen-events topics from now on (orders
 * placed while the service was down are not judged; it says so in README "Fleet service").
 * Each start joins with fresh group ids, so no committed offset ever skips a health record.
 */
export class FleetReader {
  private readonly kafka: Kafka;
  private readonly consumers: Consumer[] = [];
  private lastHealthFetchAt = -Infinity;

  constructor(
    private readonly config: FleetConfig,
    private readonly state: FleetState,
    private readonly now: () => number,
    private readonly log: Log,
  ) {
    this.kafka = new Kafka({
      clientId: 'kds-fleet',
      brokers: config.brokers,
      logLevel: logLevel.NOTHING,
      retry: { retries: Number.MAX_SAFE_INTEGER, initialRetryTime: 500, maxRetryTime: 5_000 },
    });
  }

  /** Whether the health topic is being read now (the metrics and the page say when it is not). */
  get up(): boolean {
    // kafkajs fetches every few seconds even with nothing new: no fetch for 15 s is a reader cut off.
    return this.now() - this.lastHealthFetchAt < 15_000;
  }

  async start(): Promise<void> {
    await this.ensureHealthTopic();
    const run = randomUUID().slice(0, 8);
    await this.consume(
      this.config.topics.health,
      `${this.config.groupId}.health.${run}`,
      true,
      (payload) => this.healthBatch(payload),
      () => (this.lastHealthFetchAt = this.now()),
    );
    // Orders and kitchen events only feed "unseen orders": a topic not there yet must not stop the fleet.
    this.keepTrying(this.config.topics.orders, `${this.config.groupId}.orders.${run}`, (payload) => this.orderBatch(payload));
    this.keepTrying(this.config.topics.kitchenEvents, `${this.config.groupId}.kitchen.${run}`, (payload) => this.kitchenBatch(payload));
  }

  /** Topics the service watches but cannot read yet: unseen orders are not counted for them (logged once). */
  readonly missing = new Set<string>();
  private stopped = false;

  private keepTrying(topic: string, groupId: string, eachBatch: (payload: EachBatchPayload) => void): void {
    this.consume(topic, groupId, false, eachBatch)
      .then(() => this.missing.delete(topic))
      .catch((error: Error) => {
        if (this.stopped) return;
        if (!this.missing.has(topic))
          this.log('warn', `cannot read ${topic} (${error.message}): unseen orders are not counted until it can; trying again every 10 s`);
        this.missing.add(topic);
        setTimeout(() => this.keepTrying(topic, groupId, eachBatch), 10_000).unref();
      });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await Promise.all(this.consumers.map((c) => c.disconnect().catch(() => undefined)));
  }

  private async consume(
    topic: string,
    groupId: string,
    fromBeginning: boolean,
    eachBatch: (payload: EachBatchPayload) => void,
    onFetch?: () => void,
  ): Promise<void> {
    const consumer = this.kafka.consumer({ groupId, sessionTimeout: 30_000, allowAutoTopicCreation: false });
    this.consumers.push(consumer);
    consumer.on(consumer.events.FETCH, () => onFetch?.());
    consumer.on(consumer.events.CRASH, (event) => {
      this.log('warn', `reading ${topic} stopped: ${event.payload.error.message} (restarting)`);
    });
    try {
      await consumer.connect();
      await consumer.subscribe({ topic, fromBeginning });
      await consumer.run({ autoCommit: true, eachBatch: async (payload) => eachBatch(payload) });
    } catch (error) {
      this.consumers.splice(this.consumers.indexOf(consumer), 1);
      await consumer.disconnect().catch(() => undefined);
      throw error;
    }
  }

  private healthBatch({ batch }: EachBatchPayload): void {
    const receivedAt = this.now();
    for (const message of batch.messages) {
      const key = message.key?.toString('utf8');
      if (message.value === null) {
        if (key) this.state.forget(key);
        continue;
      }
      const parsed = terminalHealthSchema.safeParse(parseJson(message.value));
      if (!parsed.success) {
        this.state.refusedRecords += 1;
        continue;
      }
      this.state.applyHealth(parsed.data, receivedAt);
    }
  }

  private orderBatch({ batch }: EachBatchPayload): void {
    const now = this.now();
    for (const message of batch.messages) {
      const parsed = orderFields.safeParse(parseJson(message.value));
      if (!parsed.success) continue;
      const { type, orderId, merchantId } = parsed.data;
      // A producer's clock ahead must not make an order look newer than its arrival.
      const placedAt = Math.min(now, Number(message.timestamp) || now);
      if (type === 'ORDER_PLACED') this.state.orderPlaced(orderId, merchantId, placedAt, now);
      else if (type === 'ORDER_CANCELLED' || type === 'ORDER_COMPLETED') this.state.orderSettled(orderId, now);
    }
  }

  private kitchenBatch({ batch }: EachBatchPayload): void {
    const now = this.now();
    for (const message of batch.messages) {
      const parsed = kitchenFields.safeParse(parseJson(message.value));
      if (parsed.success && parsed.data.type === 'TICKET_SHOWN') this.state.orderSettled(parsed.data.orderId, now);
    }
  }

  private async ensureHealthTopic(): Promise<void> {
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      const topics = await admin.listTopics();
      if (topics.includes(this.config.topics.health)) return;
      await admin.createTopics({
        waitForLeaders: true,
        topics: [{ topic: this.config.topics.health, numPartitions: 3, configEntries: [{ name: 'cleanup.policy', value: 'compact' }] }],
      });
    } finally {
      await admin.disconnect().catch(() => undefined);
    }
  }
}
