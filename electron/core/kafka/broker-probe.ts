import type { Admin } from 'kafkajs';
import type { KdsConfig } from '../../../shared/config';
import type { Clock } from '../lib/clock';
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

/**
 * Asks the cluster every few seconds whether it answers, independently of the consumer's
 * own retries, so the kitchen sees "offline" within seconds instead of after kafkajs gives up.
 */
export class BrokerProbe {
  private admin: Admin | undefined;
  private readonly loop: SupervisedLoop;

  constructor(
    private readonly config: KdsConfig,
    private readonly onResult: (result: ProbeResult) => void,
    options: { intervalMs?: number; clock?: Clock; onError: (name: string, error: Error) => void },
  ) {
    const intervalMs = options.intervalMs ?? 2_000;
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
      return { online: true, highWatermarks: new Map(offsets.map((o) => [o.partition, o.high])) };
    } catch (error) {
      // The cluster answered, the topic is just not there (yet): that is not an outage.
      if ((error as { type?: string }).type === 'UNKNOWN_TOPIC_OR_PARTITION') {
        return { online: true, error: `topic ${this.config.topics.orders} does not exist yet` };
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
