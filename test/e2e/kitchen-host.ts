import { resolve } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import type { Terminal } from '../../electron/core/app/terminal';
import { WebHost } from '../../electron/core/host/web-host';
import type { KdsConfig } from '../../shared/config';
import { MERCHANT_HEADER, type OrderEvent } from '../../shared/order-events';
import { createTopics, testConfig } from '../support/core-harness';
import { startTestTerminal } from '../support/kitchen-fixtures';

/** A kitchen terminal for browser tests: the real core and web host on a fresh topic of the run's broker. */
export class KitchenHost {
  private constructor(
    readonly config: KdsConfig,
    readonly kafka: Kafka,
    readonly terminal: Terminal,
    private readonly host: WebHost,
    readonly url: string,
  ) {}

  /**
   * `config` reuses a terminal (same data folder: a restart) or names another terminal of a
   * kitchen; its topics are made only with `createTopics`. `port` keeps the screen's URL.
   */
  static async start(
    options: { config?: KdsConfig; port?: number; bootstrap?: string; createTopics?: boolean } = {},
  ): Promise<KitchenHost> {
    const { config, port = 0 } = options;
    const bootstrap = options.bootstrap ?? process.env.KDS_TEST_BOOTSTRAP;
    if (!bootstrap) throw new Error('KDS_TEST_BOOTSTRAP is not set (global setup starts the broker)');
    const kafka = new Kafka({ brokers: [bootstrap], clientId: 'e2e', logLevel: logLevel.NOTHING });
    const resolved = config ?? testConfig(bootstrap);
    if (!config || options.createTopics) await createTopics(kafka, resolved);
    const terminal = startTestTerminal(resolved);
    const host = new WebHost(terminal.api, { host: '127.0.0.1', port, access: terminal.access, rendererDir: resolve('dist/renderer') });
    const url = await host.start();
    return new KitchenHost(resolved, kafka, terminal, host, url);
  }

  /** A pairing link, as a paired screen's diagnostics (or `serve`'s console) gives it: opening it pairs the browser. */
  async pairingUrl(): Promise<string> {
    const pairing = await this.terminal.api.pairScreen({});
    if (!pairing.ok || !pairing.value.url) throw new Error('no pairing link');
    return pairing.value.url;
  }

  /** What a trusted tool of the terminal's owner sends (browsers pair for a cookie instead). */
  get authorization(): { authorization: string } {
    return { authorization: `Bearer ${this.terminal.access.bearerToken()}` };
  }

  get port(): number {
    return Number(new URL(this.url).port);
  }

  async produce(events: OrderEvent[]): Promise<void> {
    const producer = this.kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    await producer.send({
      topic: this.config.topics.orders,
      acks: -1,
      messages: events.map((e) => ({ key: e.orderId, value: JSON.stringify(e), headers: { [MERCHANT_HEADER]: e.merchantId } })),
    });
    await producer.disconnect();
  }

  async stop(): Promise<void> {
    await this.host.stop();
    await this.terminal.stop();
  }
}
