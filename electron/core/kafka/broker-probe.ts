import type { Admin } from 'kafkajs';
import type { KdsConfig } from '../../../shared/config';
import { systemClock, type Clock } from '../lib/clock';
import { SupervisedLoop } from '../lib/supervised-loop';
import { describeConnectionError, type ConnectionReason } from './connection-problem';
import { createKafka } from './kafka-client';

export interface ProbeResult {
  online: boolean;
  /** High watermark per partition of the orders topic, when online. */
  highWatermarks?: Map<number, string>;
  error?: string;
  /** Set when retrying cannot help until the configuration or the platform changes. */
  reason?: ConnectionReason;
}

/** Errors of a cluster that answered while a partition's leader moves (a broker restarting, a rebalance of leaders). */
const LEADER_MOVING = new Set(['LEADER_NOT_AVAILABLE', 'NOT_LEADER_FOR_PARTITION', 'NOT_LEADER_OR_FOLLOWER']);
/** How long the orders topic may be without a leader before the kitchen is told: an election takes seconds. */
export const LEADERLESS_GRACE_MS = 30_000;

/**
 * Asks the cluster every few seconds whether it answers, independently of the consumer's
 * own retries, so the kitchen sees "offline" within seconds instead of after kafkajs gives up.
 */
export class BrokerProbe {
  private admin: Admin | undefined;
  private readonly loop: SupervisedLoop;
  private readonly clock: Clock;
  /** Since when the orders topic has had no leader to answer, while the cluster answers. */
  private leaderlessSince: number | undefined;

  constructor(
    private readonly config: KdsConfig,
    private readonly onResult: (result: ProbeResult) => void,
    options: { intervalMs?: number; clock?: Clock; onError: (name: string, error: Error) => void },
  ) {
    const intervalMs = options.intervalMs ?? 2_000;
    this.clock = options.clock ?? systemClock;
    this.loop = new SupervisedLoop({
      name: 'broker probe',
      tick: async () => {
        const result = await this.probe();
        if (this.loop.running) this.onResult(result);
        return intervalMs;
      },
      backoff: { baseMs: intervalMs, capMs: intervalMs },
      onError: options.onError,
      clock: options.clock,
    });
  }

  start(): void {
    this.loop.start();
  }

  async stop(): Promise<void> {
    await this.loop.stop();
    await this.dropAdmin();
  }

  /**
   * One broker going away is not the cluster going away (a planned rolling restart, a leader
   * moving): a failed probe asks again at once with a fresh client, which starts from another
   * broker of the list, before the kitchen is told it is offline.
   */
  private async probe(): Promise<ProbeResult> {
    const attempts = Math.max(2, Math.min(3, this.config.kafka.brokers.length));
    let result = await this.probeOnce();
    for (let attempt = 1; attempt < attempts && !result.online && !result.reason; attempt += 1) result = await this.probeOnce();
    return result;
  }

  private async probeOnce(): Promise<ProbeResult> {
    try {
      if (!this.admin) {
        const kafka = createKafka(this.config, () => undefined, {
          retry: { retries: 0 },
          connectionTimeout: 2_000,
          requestTimeout: 3_000,
        });
        this.admin = kafka.admin({ retry: { retries: 0 } });
        await this.admin.connect();
      }
      const offsets = await this.admin.fetchTopicOffsets(this.config.topics.orders);
      this.leaderlessSince = undefined;
      return { online: true, highWatermarks: new Map(offsets.map((o) => [o.partition, o.high])) };
    } catch (error) {
      const type = (error as { type?: string }).type;
      // The cluster answered, the topic is just not there (yet): that is not an outage.
      if (type === 'UNKNOWN_TOPIC_OR_PARTITION') {
        return { online: true, error: `topic ${this.config.topics.orders} does not exist yet` };
      }
      // The cluster answered while a leader moves (a broker of a cluster restarting): not an outage, unless it lasts.
      if (type !== undefined && LEADER_MOVING.has(type)) {
        const now = this.clock.now();
        this.leaderlessSince ??= now;
        if (now - this.leaderlessSince < LEADERLESS_GRACE_MS) return { online: true };
        const seconds = Math.round((now - this.leaderlessSince) / 1000);
        return { online: false, error: `the orders topic has had no leader for ${seconds} s: ${(error as Error).message}` };
      }
      await this.dropAdmin();
      const { detail, reason } = describeConnectionError(error, this.config.kafka.sasl);
      return { online: false, error: detail, ...(reason ? { reason } : {}) };
    }
  }

  private async dropAdmin(): Promise<void> {
    const admin = this.admin;
    this.admin = undefined;
    await admin?.disconnect().catch(() => undefined);
  }
}
