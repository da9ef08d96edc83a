import { randomUUID } from 'node:crypto';
import { Partitioners, type Kafka, type Producer } from 'kafkajs';
import { kitchenEventSchema, type KitchenEvent } from '../../shared/kitchen-events';
import { MERCHANT_HEADER, type OrderEvent } from '../../shared/order-events';
import { platformOrder } from './platform-orders';
import { PLATFORM_PROFILES, type PlatformName } from './platform-profiles';
import { formatReport, type MerchantReport } from './platform-report';
import { PlatformRules } from './platform-rules';
import { seededRandom } from './random';

export interface PlatformLoopOptions {
  kafka: Kafka;
  /** Topics `<env>.orders` (written) and `<env>.kitchen-events` (read), both existing. */
  env: string;
  platform: PlatformName;
  merchants: readonly string[];
  /** Customers who come to order, per merchant (those arriving while the kitchen is paused are turned away). */
  customersPerMerchant: number;
  /** Customers per real hour per merchant, arriving at random (a Poisson stream). */
  customersPerHour: number;
  timeScale: number;
  seed: number;
  /** Makes this run's order ids new ones: a platform never reuses an order id. */
  orderIdPrefix: string;
  /** After the last customer, how long (real minutes) open orders may take to settle before the run ends. */
  settleMinutes: number;
  /** Wall-clock ms between reports while running (the final one is printed at the end anyway). */
  reportEveryMs: number;
  log: (line: string) => void;
}

export interface PlatformLoop {
  /** The final report, once every customer came and every order settled (or the settle time ran out), or after stop(). */
  readonly done: Promise<MerchantReport[]>;
  report(): MerchantReport[];
  stop(): Promise<MerchantReport[]>;
}

/** How often the platform looks at its clock: deadlines and pickups are decided at most this late (wall ms). */
const TICK_MS = 100;

/** A kitchen-events record as the platform reads it; a record it cannot read (Avro, a newer shape) is skipped. */
export function parseKitchenRecord(value: Buffer | null): KitchenEvent | undefined {
  if (!value || value[0] === 0) return undefined; // Confluent-framed Avro starts with a zero byte.
  try {
    const parsed = kitchenEventSchema.safeParse(JSON.parse(value.toString('utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** Sends the platform's order events one after another, so an order's versions reach the topic in order. */
class OrderSender {
  private chain: Promise<void> = Promise.resolve();
  failure: Error | undefined;

  constructor(
    private readonly producer: Producer,
    private readonly topic: string,
  ) {}

  send(events: readonly OrderEvent[]): void {
    if (events.length === 0) return;
    const messages = events.map((event) => ({
      key: event.orderId,
      value: JSON.stringify(event),
      headers: { [MERCHANT_HEADER]: event.merchantId },
    }));
    this.chain = this.chain
      .then(async () => {
        await this.producer.send({ topic: this.topic, acks: -1, messages });
      })
      .catch((error: unknown) => {
        this.failure ??= error instanceof Error ? error : new Error(String(error));
      });
  }

  flushed(): Promise<void> {
    return this.chain;
  }
}

/**
 * The simulator's platform side on Kafka: places orders with a deadline at a rate, honouring the
 * kitchen's 86 and pause, reads the kitchen-events topic from its start under a group of its own,
 * feeds the platform's rules and produces their decisions (cancellations, pickups) to the orders topic.
 */
export async function startPlatformLoop(options: PlatformLoopOptions): Promise<PlatformLoop> {
  const rules = new PlatformRules({
    profile: PLATFORM_PROFILES[options.platform],
    merchants: options.merchants,
    timeScale: options.timeScale,
    seed: options.seed + 1,
  });
  const random = seededRandom(options.seed);
  const producer = options.kafka.producer({ idempotent: true, maxInFlightRequests: 1, createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  const sender = new OrderSender(producer, `${options.env}.orders`);
  const consumer = options.kafka.consumer({
    groupId: `kds-platform.${options.env}.${options.platform}.${randomUUID()}`,
    maxWaitTimeInMs: 250,
  });
  await consumer.connect();
  const joined = new Promise<void>((resolve) => consumer.on(consumer.events.GROUP_JOIN, () => resolve()));
  await consumer.subscribe({ topic: `${options.env}.kitchen-events`, fromBeginning: true });
  let unreadable = 0;
  await consumer.run({
    eachMessage: async ({ message }) => {
      const event = parseKitchenRecord(message.value);
      if (event) sender.send(rules.read(event, Date.now()));
      else unreadable += 1;
    },
  });
  // Placing before the platform reads the topic would let a deadline pass on an answer it has not read yet.
  await joined;

  const meanGapMs = rules.scale.wallMs(60 / options.customersPerHour);
  const nextGapMs = (): number => -Math.log(1 - random()) * meanGapMs;
  const started = Date.now();
  const arrivals = options.merchants.map((merchantId) => ({
    merchantId,
    left: options.customersPerMerchant,
    nextAt: started + nextGapMs(),
  }));
  let orderNumber = 0;
  let lastArrivalAt = started;

  const arrive = (merchantId: string, now: number): void => {
    if (!rules.takesOrders(merchantId, now)) return rules.customerTurnedAway(merchantId, 'paused');
    orderNumber += 1;
    const order = platformOrder({
      random,
      orderNumber,
      orderId: `${options.orderIdPrefix}-${merchantId}-${orderNumber}`,
      merchantId,
      now,
      acceptWindowMs: rules.acceptWindowMs(),
      offers: (item) => rules.offers(merchantId, item, now),
    });
    if (!order) return rules.customerTurnedAway(merchantId, 'nothingOffered');
    rules.placed(order);
    sender.send([order]);
  };

  let finish: (reports: MerchantReport[]) => void = () => undefined;
  let fail: (error: Error) => void = () => undefined;
  const done = new Promise<MerchantReport[]>((resolve, reject) => {
    finish = resolve;
    fail = reject;
  });
  // A caller may await stop() instead: a failure is then its answer, never an unhandled rejection.
  done.catch(() => undefined);
  let stopping: Promise<MerchantReport[]> | undefined;
  const stop = (): Promise<MerchantReport[]> => {
    stopping ??= (async () => {
      clearInterval(ticker);
      clearInterval(reporter);
      await consumer.disconnect();
      await sender.flushed();
      await producer.disconnect();
      const reports = rules.report();
      if (sender.failure) {
        fail(sender.failure);
        throw sender.failure;
      }
      finish(reports);
      return reports;
    })();
    return stopping;
  };

  const ticker = setInterval(() => {
    const now = Date.now();
    sender.send(rules.due(now));
    for (const arrival of arrivals) {
      while (arrival.left > 0 && arrival.nextAt <= now) {
        // Placed now, not at the arrival's planned instant: the order's time must be when it reached the topic.
        arrive(arrival.merchantId, now);
        arrival.left -= 1;
        lastArrivalAt = now;
        arrival.nextAt += nextGapMs();
      }
    }
    const everyoneCame = arrivals.every((arrival) => arrival.left === 0);
    const settled = rules.openOrders() === 0 || now >= lastArrivalAt + rules.scale.wallMs(options.settleMinutes);
    if (sender.failure || (everyoneCame && settled)) stop().catch(() => undefined); // The failure is done's answer.
  }, TICK_MS);
  const reporter = setInterval(() => {
    options.log(
      formatReport(options.platform, rules.report()) +
        (unreadable ? `\n  (${unreadable} kitchen records not readable as JSON, skipped)` : ''),
    );
  }, options.reportEveryMs);

  return { done, report: () => rules.report(), stop };
}
