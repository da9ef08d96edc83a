import type { KdsConfig } from '../../shared/config';
import type { CoreStatus, PartitionLag } from '../../shared/core-status';
import { OrderDetailClient } from './enrich/order-detail-client';
import { processRecord, type ProcessorContext } from './ingest/record-processor';
import { BrokerProbe, type ProbeResult } from './kafka/broker-probe';
import { checkTopics } from './kafka/environment-guard';
import type { Log } from './kafka/kafka-client';
import { consumerGroupId, TopicConsumer, type ConsumerState } from './kafka/topic-consumer';
import { processKitchenRecord } from './kitchen/kitchen-record';
import { KitchenStore } from './kitchen/kitchen-store';
import { OutboxPublisher } from './kitchen/outbox-publisher';
import { OutboxStore } from './kitchen/outbox-store';
import { RetryWorker } from './retry/retry-worker';
import { IngestStore, type OrderRecord } from './store/ingest-store';
import { openDatabase, type Db } from './store/open-database';

export type ChangeListener = (orderIds: string[]) => void;

const defaultLog: Log = (level, message) => console[level === 'info' ? 'log' : level](`[kds] ${message}`);

/** Raises each partition's offset in `target` to the one in `source` where that is higher. */
function keepHighest(target: Map<number, string>, source: ReadonlyMap<number, string>): Map<number, string> {
  for (const [partition, offset] of source) {
    const known = target.get(partition);
    if (known === undefined || BigInt(offset) > BigInt(known)) target.set(partition, offset);
  }
  return target;
}

/**
 * The product's core as a plain object: start and stop the pipeline, read orders and status,
 * and listen for changed orders. The Electron main process and the web host both wrap this.
 */
export class KdsCore {
  readonly store: IngestStore;
  readonly kitchen: KitchenStore;
  readonly outbox: OutboxStore;
  private readonly db: Db;
  private readonly consumer: TopicConsumer;
  private readonly kitchenConsumer: TopicConsumer;
  private readonly publisher: OutboxPublisher;
  private readonly worker: RetryWorker;
  private readonly probe: BrokerProbe;
  private readonly listeners = new Set<ChangeListener>();
  private connection: CoreStatus['connection'] = { state: 'connecting', since: new Date().toISOString() };
  private consumerState: CoreStatus['consumer'] = { state: 'stopped', since: new Date().toISOString() };
  private readonly probeWatermarks = new Map<number, string>();
  private started = false;

  constructor(
    readonly config: KdsConfig,
    private readonly log: Log = defaultLog,
  ) {
    checkTopics(config);
    this.db = openDatabase(config.dataDir);
    this.store = new IngestStore(this.db);
    this.kitchen = new KitchenStore(this.db);
    this.outbox = new OutboxStore(this.db);
    const client = config.orderDetailUrl ? new OrderDetailClient(config.orderDetailUrl, config.orderDetailTimeoutMs) : undefined;
    const context: ProcessorContext = {
      merchantId: config.merchantId,
      maxRecordBytes: config.maxRecordBytes,
      canEnrich: client !== undefined,
      retryBaseDelayMs: config.retry.baseDelayMs,
    };
    const notify = (): void => this.notifyChanges();
    const groupId = consumerGroupId(config);
    this.consumer = new TopicConsumer(
      config,
      this.store,
      {
        topic: config.topics.orders,
        groupId,
        label: 'orders',
        counterPrefix: 'records',
        handle: (record, now) => processRecord(this.store, record, context, now),
      },
      { log, onApplied: notify, onState: (state, detail) => this.setConsumerState(state, detail) },
    );
    // Its own group and consumer: trouble with the kitchen-events topic never holds up orders.
    this.kitchenConsumer = new TopicConsumer(
      config,
      this.store,
      {
        topic: config.topics.kitchenEvents,
        groupId: `${groupId}.kitchen`,
        label: 'kitchen events',
        counterPrefix: 'kitchen',
        handle: (record, now) => processKitchenRecord(this.store, this.kitchen, this.outbox, record, context, now),
      },
      { log, onApplied: notify, onState: (state, detail) => this.setKitchenConsumerState(state, detail) },
    );
    this.publisher = new OutboxPublisher(config, this.outbox, this.store, { log, onChange: () => this.notifyChanges(true) });
    this.worker = new RetryWorker(this.store, {
      client,
      maxAttempts: config.retry.maxAttempts,
      baseDelayMs: config.retry.baseDelayMs,
      maxDelayMs: config.retry.maxDelayMs,
      gapTimeoutMs: config.gapTimeoutMs,
      onChange: notify,
      log: (message) => log('warn', message),
    });
    this.probe = new BrokerProbe(config, (result) => this.onProbe(result));
  }

  start(): void {
    if (this.started) return;
    this.started = true;
    this.worker.start();
    this.probe.start();
    this.consumer.start();
    this.kitchenConsumer.start();
    this.publisher.start();
  }

  /** Cook actions were saved to the outbox: publish them now. */
  actionsSaved(): void {
    this.publisher.wake();
    this.notifyChanges(true);
  }

  async stop(): Promise<void> {
    if (this.started) {
      this.started = false;
      await Promise.all([this.consumer.stop(), this.kitchenConsumer.stop(), this.publisher.stop(), this.worker.stop(), this.probe.stop()]);
    }
    if (this.db.open) this.db.close();
  }

  onChange(listener: ChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  orders(): OrderRecord[] {
    return this.store.allOrders();
  }

  order(orderId: string): OrderRecord | undefined {
    return this.store.getOrder(orderId);
  }

  status(): CoreStatus {
    const topic = this.config.topics.orders;
    const stored = new Map(this.store.offsets(topic).map((o) => [o.partition, o.nextOffset]));
    // The probe and the consumer each see partition ends; the larger one is the newer.
    const highs = keepHighest(new Map(this.probeWatermarks), this.consumer.highWatermarks);
    const partitions = [...new Set([...stored.keys(), ...highs.keys()])].sort((a, b) => a - b);
    const lag: PartitionLag[] = partitions.map((partition) => {
      const nextOffset = stored.get(partition) ?? null;
      const highWatermark = highs.get(partition) ?? null;
      const behind = highWatermark === null ? null : Math.max(0, Number(BigInt(highWatermark) - BigInt(nextOffset ?? '0')));
      return { partition, nextOffset, highWatermark, lag: behind };
    });
    return {
      connection: this.connection,
      consumer: this.consumerState,
      lag,
      totalLag: lag.some((p) => p.lag === null) ? null : lag.reduce((sum, p) => sum + (p.lag ?? 0), 0),
      retryDepth: this.store.queueDepth(),
      outbox: this.outbox.status(),
      parked: this.store.parkedCount(),
      deadLetters: this.store.deadLetterCount(),
      counters: this.store.counters(),
    };
  }

  private onProbe(result: ProbeResult): void {
    if (result.highWatermarks) keepHighest(this.probeWatermarks, result.highWatermarks);
    if (this.connection.state === 'refused') return;
    const state = result.online ? 'online' : 'offline';
    if (state !== this.connection.state) {
      this.connection = { state, since: new Date().toISOString(), ...(result.error ? { detail: result.error } : {}) };
      this.log('info', `broker ${state}${result.error ? `: ${result.error}` : ''}`);
      if (state === 'online') {
        this.consumer.retryNow();
        this.kitchenConsumer.retryNow();
        this.publisher.retryNow();
      }
      this.notifyChanges(true);
    }
  }

  private setConsumerState(state: ConsumerState, detail?: string): void {
    if (state === this.consumerState.state && detail === this.consumerState.detail) return;
    this.consumerState = { state, since: new Date().toISOString(), ...(detail ? { detail } : {}) };
    if (state === 'refused')
      this.connection = { state: 'refused', since: this.consumerState.since, detail: detail ?? 'environment mismatch' };
    this.notifyChanges(true);
  }

  private setKitchenConsumerState(state: ConsumerState, detail?: string): void {
    // The order consumer's state is the one shown; a refusal is the same cluster check for both.
    if (state === 'refused') this.setConsumerState(state, detail);
  }

  private notifyChanges(statusOnly = false): void {
    const changed = [...new Set([...this.store.takeChangedOrders(), ...this.kitchen.takeChangedOrders()])];
    if (changed.length === 0 && !statusOnly) return;
    for (const listener of this.listeners) listener(changed);
  }
}
