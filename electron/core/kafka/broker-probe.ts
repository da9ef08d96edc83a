import type { Admin } from 'kafkajs';
import type { KdsConfig } from '../../../shared/config';
import { createKafka } from './kafka-client';

export interface ProbeResult {
  online: boolean;
  /** High watermark per partition of the orders topic, when online. */
  highWatermarks?: Map<number, string>;
  error?: string;
}

/**
 * Asks the cluster every few seconds whether it answers, independently of the consumer's
 * own retries, so the kitchen sees "offline" within seconds instead of after kafkajs gives up.
 */
export class BrokerProbe {
  private admin: Admin | undefined;
  private timer: NodeJS.Timeout | undefined;
  private busy = false;

  constructor(
    private readonly config: KdsConfig,
    private readonly onResult: (result: ProbeResult) => void,
    private readonly intervalMs = 2_000,
  ) {}

  start(): void {
    if (this.timer) return;
    void this.probe();
    this.timer = setInterval(() => void this.probe(), this.intervalMs);
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.admin?.disconnect().catch(() => undefined);
    this.admin = undefined;
  }

  private async probe(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
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
      if (this.timer) this.onResult({ online: true, highWatermarks: new Map(offsets.map((o) => [o.partition, o.high])) });
    } catch (error) {
      // The cluster answered, the topic is just not there (yet): that is not an outage.
      if ((error as { type?: string }).type === 'UNKNOWN_TOPIC_OR_PARTITION') {
        if (this.timer) this.onResult({ online: true, error: `topic ${this.config.topics.orders} does not exist yet` });
        return;
      }
      const admin = this.admin;
      this.admin = undefined;
      await admin?.disconnect().catch(() => undefined);
      if (this.timer) this.onResult({ online: false, error: (error as Error).message });
    } finally {
      this.busy = false;
    }
  }
}
