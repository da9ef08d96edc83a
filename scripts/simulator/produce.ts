import { Partitioners, type Kafka } from 'kafkajs';
import type { OrderEvent } from '../../shared/order-events';
import type { SimRecord } from './order-simulator';

/**
 * Produces simulated records in order with an idempotent producer (key = orderId, so the
 * default partitioner keeps an order's events in one partition). `ratePerSecond` paces it.
 */
export async function produceRecords(
  kafka: Kafka,
  topic: string,
  records: SimRecord[],
  options: {
    batchSize?: number;
    ratePerSecond?: number;
    /** Live demo: each event's occurredAt becomes the moment it is sent, so screens show real ticket ages. */
    stampAtSend?: boolean;
    /** Each record's Kafka timestamp (ms); default: when it is sent. A benchmark's simulated calendar sets it. */
    timestampOf?: (record: SimRecord) => number;
    onProgress?: (sent: number) => void;
    /** Avro (avro-encoder.ts): each event encoded so; poison records are sent as they are. */
    encode?: (event: OrderEvent) => Promise<Buffer>;
  } = {},
): Promise<void> {
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  try {
    const batchSize = options.batchSize ?? 500;
    const started = Date.now();
    for (let sent = 0; sent < records.length; sent += batchSize) {
      const slice = records.slice(sent, sent + batchSize);
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
        slice.map(async (r) => ({ key: r.key, value: await value(r), headers: r.headers, ...timestamp(r) })),
      );
      await producer.send({ topic, acks: -1, messages });
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
