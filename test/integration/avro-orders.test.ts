import { SchemaRegistry } from '@kafkajs/confluent-schema-registry';
import type { Kafka, Producer } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkSchema, registerSchema } from '../../scripts/kafka/schema-check';
import { orderEventAvro, valueSubject } from '../../shared/avro/order-event';
import { MERCHANT_HEADER, type OrderEvent } from '../../shared/order-events';
import { AvroReader } from '../../electron/core/ingest/avro-reader';
import { processRecord, type ProcessorContext } from '../../electron/core/ingest/record-processor';
import { TopicConsumer, type TopicSpec } from '../../electron/core/kafka/topic-consumer';
import { Storage } from '../../electron/core/store/storage';
import { createTopics, testConfig } from '../support/core-harness';
import { orderEvent, orderSnapshot, placedOrder } from '../support/events';
import { testBootstrap, testKafka } from '../support/kafka';
import { useOwnRegistry } from '../support/own-registry';

/** v2 of the contract as a newer platform writes it: a field added with a default, and a priority symbol. */
function v2(schema: typeof orderEventAvro): object {
  const json = JSON.parse(JSON.stringify(schema)) as { fields: { name: string; type: unknown; default?: unknown }[] };
  json.fields.push({ name: 'pickupCode', type: 'string', default: '' });
  const order = json.fields.find((f) => f.name === 'order') as {
    type: [string, { fields: { name: string; type: { symbols: string[] } }[] }];
  };
  order.type[1].fields.find((f) => f.name === 'priority')?.type.symbols.push('VIP');
  return json;
}

/** A v3 this terminal has never seen: one more field with a default. */
function v3(schema: typeof orderEventAvro): object {
  const json = v2(schema) as { fields: { name: string; type: unknown; default?: unknown }[] };
  json.fields.push({ name: 'kioskId', type: ['null', 'string'], default: null });
  return json;
}

/** A terminal's order consumer with Avro decoding, assembled as the terminal assembles it. */
function startTerminal(dataDir: string, url: string, config: ReturnType<typeof testConfig>) {
  const storage = Storage.open(dataDir);
  const reader = new AvroReader({ url, storage, now: () => Date.now(), fetchTimeoutMs: 1_000 });
  const context: ProcessorContext = {
    merchantId: config.merchantId,
    maxRecordBytes: config.maxRecordBytes,
    canEnrich: false,
    retryBaseDelayMs: 50,
    avro: reader.decoding(orderEventAvro),
  };
  const spec: TopicSpec = {
    topic: config.topics.orders,
    groupId: `kds.${config.env}.avro`,
    label: 'orders',
    counterPrefix: 'orders',
    handle: (tx, record, now) => processRecord(tx, record, context, now),
    prepare: (records) => reader.prepare(records),
  };
  const consumer = new TopicConsumer(config, storage, spec, { log: () => {}, onState: () => {} });
  consumer.start();
  const retryWaiting = () => reader.retryWaiting((tx, record) => processRecord(tx, record, context, Date.now()), config.topics.orders);
  return {
    storage,
    reader,
    retryWaiting,
    async stop() {
      await consumer.stop();
      storage.close();
    },
  };
}

async function until(check: () => boolean | Promise<boolean>, timeoutMs = 30_000, step?: () => Promise<unknown>): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await step?.();
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('Avro order events through a real schema registry', () => {
  const registry = useOwnRegistry();
  let kafka: Kafka;
  let producer: Producer;
  let config: ReturnType<typeof testConfig>;
  let client: SchemaRegistry;
  const ids = { v1: 0, v2: 0, v3: 0 };

  beforeAll(async () => {
    kafka = testKafka();
    producer = kafka.producer();
    await producer.connect();
    config = testConfig(testBootstrap());
    await createTopics(kafka, config, 2);
    const subject = valueSubject(config.topics.orders);
    client = new SchemaRegistry({ host: registry().ccompatUrl });
    ids.v1 = await registerSchema(registry().ccompatUrl, subject, orderEventAvro);
    ids.v2 = await registerSchema(registry().ccompatUrl, subject, v2(orderEventAvro));
    ids.v3 = await registerSchema(registry().ccompatUrl, subject, v3(orderEventAvro));
  });
  afterAll(async () => {
    await producer?.disconnect();
  });

  const avroOf = (id: number, event: object) => client.encode(id, event);
  /** An event as an Avro writer sends it: every field present, absent ones null. */
  const full = (event: OrderEvent, extra: object = {}) => ({
    reason: null,
    ...event,
    order: event.order ? { customerName: null, notes: null, dueAt: null, table: null, ...event.order } : null,
    ...extra,
  });
  const send = (records: { key: string; value: Buffer | string }[]) =>
    producer.send({
      topic: config.topics.orders,
      messages: records.map((r) => ({ ...r, headers: { [MERCHANT_HEADER]: config.merchantId } })),
    });

  it('decodes two writer versions interleaved and JSON on the same topic, cooks each order at its latest version, dead-letters an id the registry does not know', async () => {
    const a1 = placedOrder('a');
    const a2 = orderEvent('a', 2, 'ORDER_UPDATED', { order: orderSnapshot({ displayNumber: 'A', priority: 'RUSH' }) });
    const b1 = placedOrder('b');
    const b2 = orderEvent('b', 2, 'ORDER_UPDATED', { order: orderSnapshot({ displayNumber: 'B', priority: 'NORMAL' }) });
    const vip = orderEvent('b', 3, 'ORDER_UPDATED', { order: orderSnapshot({ displayNumber: 'B' }) });
    const vipAvro = await avroOf(ids.v2, full(vip, { pickupCode: 'P7', order: { ...full(vip).order, priority: 'VIP' } }));
    const unknownId = Buffer.concat([Buffer.from([0, 0, 0, 0x27, 0x0f]), Buffer.from('body')]);
    await send([
      { key: 'a', value: await avroOf(ids.v1, full(a1)) },
      { key: 'b', value: JSON.stringify(b1) },
      { key: 'a', value: await avroOf(ids.v2, full(a2, { pickupCode: 'P1' })) },
      { key: 'b', value: await avroOf(ids.v1, full(b2)) },
      { key: 'b', value: vipAvro },
      { key: 'x', value: unknownId },
    ]);
    const terminal = startTerminal(config.dataDir, registry().ccompatUrl, config);
    try {
      await until(() => terminal.storage.orders.get('b')?.appliedVersion === 3 && terminal.storage.deadLetters.count() === 1);
      expect(terminal.storage.orders.get('a')).toMatchObject({ appliedVersion: 2, snapshot: { priority: 'RUSH' } });
      // A symbol this terminal's schema lacks reads as the enum's default.
      expect(terminal.storage.orders.get('b')?.snapshot).toMatchObject({ priority: 'NORMAL', displayNumber: 'B' });
      const [letter] = terminal.storage.deadLetters.recent();
      expect(letter).toMatchObject({ reason: 'SCHEMA' });
      expect(letter?.detail).toContain(`schema id ${0x270f}`);
      expect(letter?.detail).toContain('not found');
    } finally {
      await terminal.stop();
    }
  });

  it('restarted while the registry is away: known ids still decode, an unknown id waits (never a dead letter) and is applied once the registry is back', async () => {
    const c1 = placedOrder('c');
    const d1 = placedOrder('d');
    const c2 = orderEvent('c', 2, 'ORDER_PAID');
    // Encoded while the registry is up (a producer has its schemas at hand), sent while it is away.
    const records = [
      { key: 'c', value: await avroOf(ids.v1, full(c1)) },
      { key: 'd', value: await avroOf(ids.v3, full(d1, { pickupCode: '', kioskId: 'k9' })) },
      { key: 'c', value: await avroOf(ids.v2, full(c2, { pickupCode: '' })) },
    ];
    await registry().stop();
    await send(records);
    const terminal = startTerminal(config.dataDir, registry().ccompatUrl, config);
    try {
      await until(() => terminal.storage.orders.get('c')?.appliedVersion === 2);
      await until(() => terminal.reader.status().waiting === 1);
      await terminal.retryWaiting();
      expect(terminal.reader.status()).toMatchObject({ reachable: false, waiting: 1 });
      expect(terminal.reader.status().problem).toContain('schema registry unreachable');
      expect(terminal.storage.orders.get('d')).toBeUndefined();
      expect(terminal.storage.deadLetters.count()).toBe(1);

      await registry().start();
      await until(
        () => terminal.storage.orders.get('d')?.appliedVersion === 1,
        30_000,
        () => terminal.retryWaiting(),
      );
      expect(terminal.reader.status()).toMatchObject({ reachable: true, waiting: 0 });
      expect(terminal.storage.deadLetters.count()).toBe(1);
    } finally {
      await terminal.stop();
    }
  });

  it('the check command refuses an incompatible version and passes a compatible one', async () => {
    if (!registry().running) await registry().start();
    const subject = valueSubject(config.topics.orders);
    const removedDefault = JSON.parse(JSON.stringify(v3(orderEventAvro))) as {
      fields: { name: string; type: unknown; default?: unknown }[];
    };
    // A new required field without a default: a terminal reading old records with it could not fill it.
    removedDefault.fields.push({ name: 'courier', type: 'string' });
    const refused = await checkSchema(registry().ccompatUrl, subject, removedDefault);
    expect(refused.compatible).toBe(false);
    const passed = await checkSchema(registry().ccompatUrl, subject, v3(orderEventAvro));
    expect(passed.compatible).toBe(true);
  });
});
