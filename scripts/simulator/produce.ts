import { Partitioners, type Kafka } from 'kafkajs';
import type { OrderEvent } from '../../shared/order-events';
import type { SimRecord } from './order-simulator';

interface SendOptions {
  /** Live demo: each event's occurredAt becomes the moment it is sent, so screens show real ticket ages. */
  stampAtSend?: boolean;
  /** Each record's Kafka timestamp (ms); default: when it is sent. A benchmark's simulated calendar sets it. */
  timestampOf?: (record: SimRecord) => number;
  /** Avro (avro-encoder.ts): each event encoded so; poison records are sent as they are. */
  encode?: (event: OrderEvent) => Promise<Buffer>;
}

/** A platform's producer, connected once: idempotent, one request in flight, key = orderId. */
export interface RecordProducer {
  /** Sends the records in one request (acks = all), in order. */
  send(topic: string, records: SimRecord[], options?: SendOptions): Promise<void>;
  disconnect(): Promise<void>;
}

/**
 * Connects an idempotent producer (key = orderId, so the default partitioner keeps an order's
 * events in one partition). Kept across sends, a platform's producer gets its producer id once:
 * kafkajs gives up at once when the broker it asks for one closes the connection, as one does
 * in a rolling restart.
 */
export async function connectRecordProducer(kafka: Kafka): Promise<RecordProducer> {
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  return {
    async send(topic, records, options = {}) {
      const now = new Date().toISOString();
      const { encode } = options;
      const value = async (r: SimRecord): Promise<string | Buffer | null> => {
        const event = r.event && options.stampAtSend ? { ...r.event, occurredAt: now } : r.event;
        if (encode && event && !r.poison) return encode(event);
        return options.stampAtSend && event ? JSON.stringify(event) : (r.bytes ?? r.value);
      };
      const timestamp = (r: SimRecord): { timestamp?: string } =>
        options.timestampOf ? { timestamp: String(options.timestampOf(r)) } : {};
      const messages = await Promise.all(
        records.map(async (r) => ({ key: r.key, value: await value(r), headers: r.headers, ...timestamp(r) })),
      );
      await producer.send({ topic, acks: -1, messages });
    },
    disconnect: () => producer.disconnect(),
  };
}

/** Produces simulated records in order, `batchSize` to a request, with a producer of its own. `ratePerSecond` paces it. */
export async function produceRecords(
  kafka: Kafka,
  topic: string,
  records: SimRecord[],
  options: SendOptions & { batchSize?: number; ratePerSecond?: number; onProgress?: (sent: number) => void } = {},
): Promise<void> {
  const producer = await connectRecordProducer(kafka);
  try {
    const batchSize = options.batchSize ?? 500;
    const started = Date.now();
    for (let sent = 0; sent < records.length; sent += batchSize) {
      const slice = records.slice(sent, sent + batchSize);
      await producer.send(topic, slice, options);
      options.onProgress?.(sent + slice.length);
      if (options.ratePerSecond) {
        const due = started + ((sent + slice.length) / options.ratePerSecond) * 1000;
        const wait = due - Date.now();
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      }
    }
  } finally {
    await producer.disconnect();
  }
}
