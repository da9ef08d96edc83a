import type { Admin, Producer } from 'kafkajs';
import type { KdsConfig } from '../../../shared/config';
import { HEALTH_INTERVAL_MS, healthKey, type TerminalHealth } from '../../../shared/terminal-health';
import { systemClock, type Clock } from '../lib/clock';
import type { Log } from '../lib/log';
import { SupervisedLoop } from '../lib/supervised-loop';
import { checkCluster } from './environment-guard';
import { createKafka } from './kafka-client';

/** Where health records go: the real one is Kafka, tests may count. */
export interface HealthTransport {
  send(record: TerminalHealth): Promise<void>;
  close(): Promise<void>;
}

export interface HealthPublisherOptions {
  /** The record now; `stopped` on the clean stop's last one. */
  build: (state: TerminalHealth['state']) => TerminalHealth;
  /** Whether the fleet must hear of `next` at once (a change of state, not a tick). */
  changed: (previous: TerminalHealth | undefined, next: TerminalHealth) => boolean;
  transport: HealthTransport;
  intervalMs?: number;
  /** A change is sent at most this often, so a flapping state does not flood the topic. */
  minSpacingMs?: number;
  /** After a failed send: the next try (the broker coming back wakes it sooner). */
  retryMs?: number;
  clock?: Clock;
  log: Log;
  onError: (name: string, error: Error) => void;
  onRecovered?: (name: string) => void;
}

/**
 * Publishes this terminal's health (docs/DESIGN.md §3, "Terminal health"): every interval, and
 * at once when its state changes. Latest state wins: while Kafka is away only the newest record
 * is kept, and it goes the moment the broker answers again — a terminal back from an outage
 * reports at once, with no queue of stale records behind it.
 */
export class HealthPublisher {
  private lastSent: TerminalHealth | undefined;
  private lastSentAt = -Infinity;
  private failing = false;
  private readonly loop: SupervisedLoop;
  private readonly clock: Clock;
  private readonly intervalMs: number;
  private readonly minSpacingMs: number;
  private readonly retryMs: number;

  constructor(private readonly options: HealthPublisherOptions) {
    this.clock = options.clock ?? systemClock;
    this.intervalMs = options.intervalMs ?? HEALTH_INTERVAL_MS;
    this.minSpacingMs = options.minSpacingMs ?? 1_000;
    this.retryMs = options.retryMs ?? 10_000;
    this.loop = new SupervisedLoop({
      name: 'health publisher',
      tick: () => this.tick(),
      backoff: { baseMs: 1_000, capMs: 30_000 },
      onError: options.onError,
      onRecovered: options.onRecovered,
      clock: this.clock,
    });
  }

  start(): void {
    this.loop.start();
  }

  /** Something changed on the terminal: the loop looks whether the fleet must hear of it now. */
  wake(): void {
    this.loop.wake();
  }

  /** The broker answers again: send what is pending without waiting for the retry. */
  retryNow(): void {
    if (this.failing) this.loop.wake();
  }

  /**
   * The clean stop: the last record says `stopped`, so the fleet knows silence from shutdown.
   * Bounded, never hangs a stop; not tried while the broker is away (the fleet then sees the
   * terminal go silent, which is the truth of what it could know).
   */
  async stop(boundMs = 3_000): Promise<void> {
    await this.loop.stop();
    if (this.failing || this.lastSent === undefined) {
      await this.options.transport.close().catch(() => undefined);
      return;
    }
    const stopped = this.options.build('stopped');
    let timer: unknown;
    const bound = new Promise<void>((resolve) => (timer = this.clock.setTimer(resolve, boundMs)));
    try {
      await Promise.race([this.options.transport.send(stopped).catch(() => undefined), bound]);
    } finally {
      this.clock.clearTimer(timer);
      await Promise.race([this.options.transport.close().catch(() => undefined), bound]);
    }
  }

  private async tick(): Promise<number> {
    const now = this.clock.now();
    const next = this.options.build('running');
    const due = this.failing || now - this.lastSentAt >= this.intervalMs || this.options.changed(this.lastSent, next);
    if (!due) return this.intervalMs - (now - this.lastSentAt);
    const spacing = this.minSpacingMs - (now - this.lastSentAt);
    if (!this.failing && spacing > 0) return spacing;
    try {
      await this.options.transport.send(next);
    } catch (error) {
      if (!this.failing) this.options.log('warn', `health not sent, kept until the broker answers: ${(error as Error).message}`);
      this.failing = true;
      return this.retryMs;
    }
    this.failing = false;
    this.lastSent = next;
    this.lastSentAt = this.clock.now();
    return this.intervalMs;
  }
}

/** Health records on the compacted health topic, keyed merchant/terminal, header merchant-id. */
export class KafkaHealthTransport implements HealthTransport {
  private producer: Producer | undefined;
  private clusterChecked = false;

  constructor(
    private readonly config: KdsConfig,
    private readonly log: Log,
  ) {}

  async send(record: TerminalHealth): Promise<void> {
    if (!this.clusterChecked) await this.checkCluster();
    if (!this.producer) {
      const producer = createKafka(this.config, this.log).producer({ allowAutoTopicCreation: false });
      await producer.connect();
      this.producer = producer;
    }
    await this.producer.send({
      topic: this.config.topics.health,
      acks: -1,
      messages: [
        {
          key: healthKey(record.merchantId, record.terminalId),
          value: JSON.stringify(record),
          headers: { 'merchant-id': record.merchantId },
        },
      ],
    });
  }

  async close(): Promise<void> {
    const producer = this.producer;
    this.producer = undefined;
    await producer?.disconnect();
  }

  /** A pre-production terminal pinned to its cluster never reports into another one. Like every topic, the health topic is the platform's to create (the fleet service does, compacted). */
  private async checkCluster(): Promise<void> {
    const admin: Admin = createKafka(this.config, this.log).admin();
    await admin.connect();
    try {
      checkCluster(this.config, (await admin.describeCluster()).clusterId, 'publish');
      this.clusterChecked = true;
    } finally {
      await admin.disconnect().catch(() => undefined);
    }
  }
}
