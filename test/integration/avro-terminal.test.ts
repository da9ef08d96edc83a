import { spawnSync } from 'node:child_process';
import { SchemaRegistry } from '@kafkajs/confluent-schema-registry';
import type { Producer } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTerminal, type Terminal } from '../../electron/core/app/terminal';
import { Storage } from '../../electron/core/store/storage';
import { registerSchema } from '../../scripts/kafka/schema-check';
import { avroEncoder } from '../../scripts/simulator/avro-encoder';
import { simulateStream } from '../../scripts/simulator/order-simulator';
import { produceRecords } from '../../scripts/simulator/produce';
import { orderEventAvro, valueSubject } from '../../shared/avro/order-event';
import type { KdsConfig } from '../../shared/config';
import { MERCHANT_HEADER, type OrderEvent } from '../../shared/order-events';
import { createTopics, testConfig, waitFor } from '../support/core-harness';
import { orderEvent, placedOrder } from '../support/events';
import { testBootstrap, testKafka } from '../support/kafka';
import type { Kafka } from 'kafkajs';
import { avroJavaClasspath } from '../support/avro-java';
import { useOwnRegistry } from '../support/own-registry';

/** A newer writer's version: one field more, with a default. */
function v2(): object {
  const json = JSON.parse(JSON.stringify(orderEventAvro)) as { fields: object[] };
  json.fields.push({ name: 'pickupCode', type: 'string', default: '' });
  return json;
}

/** An event as an Avro writer sends it: every field present, absent ones null. */
const full = (event: OrderEvent, extra: object = {}) => ({
  reason: null,
  ...event,
  order: event.order ? { customerName: null, notes: null, dueAt: null, table: null, ...event.order } : null,
  ...extra,
});

describe('a terminal configured with a schema registry (startTerminal, the real broker and registry)', () => {
  const registry = useOwnRegistry();
  let kafka: Kafka;
  let producer: Producer;
  let config: KdsConfig;
  let client: SchemaRegistry;
  const ids = { v1: 0, v2: 0 };

  beforeAll(async () => {
    kafka = testKafka();
    producer = kafka.producer();
    await producer.connect();
    config = testConfig(testBootstrap(), { schemaRegistry: { url: registry().ccompatUrl } });
    await createTopics(kafka, config, 2);
    client = new SchemaRegistry({ host: registry().ccompatUrl });
    ids.v1 = await registerSchema(registry().ccompatUrl, valueSubject(config.topics.orders), orderEventAvro);
  });
  afterAll(async () => {
    await producer?.disconnect();
  });

  const send = (records: { key: string; value: Buffer | string }[]) =>
    producer.send({
      topic: config.topics.orders,
      messages: records.map((r) => ({ ...r, headers: { [MERCHANT_HEADER]: config.merchantId } })),
    });
  const appliedVersion = (orderId: string): number | undefined => {
    const reading = Storage.openReadOnly(config.dataDir);
    try {
      return reading.orders.get(orderId)?.appliedVersion;
    } finally {
      reading.close();
    }
  };

  it('cooks Avro orders; restarted while the registry is away it decodes the ids it has seen, an unknown id waits (the status says so) and is applied once the registry is back', async () => {
    let terminal: Terminal = startTerminal(config, { log: () => undefined });
    try {
      await send([
        { key: 'a', value: await client.encode(ids.v1, full(placedOrder('a'))) },
        { key: 'j', value: JSON.stringify(placedOrder('j')) },
      ]);
      await waitFor('the Avro and the JSON order', () => appliedVersion('a') === 1 && appliedVersion('j') === 1);
      expect(terminal.status().schemaRegistry).toEqual({ reachable: true, waiting: 0 });
      expect(terminal.status().deadLetters).toBe(0);
      // A newer writer registers a version this terminal has not seen.
      ids.v2 = await registerSchema(registry().ccompatUrl, valueSubject(config.topics.orders), v2());
    } finally {
      await terminal.stop();
    }

    const known = await client.encode(ids.v1, full(orderEvent('a', 2, 'ORDER_PAID')));
    const unknown = await client.encode(ids.v2, full(placedOrder('b'), { pickupCode: 'P4' }));
    await registry().stop();
    await send([
      { key: 'a', value: known },
      { key: 'b', value: unknown },
    ]);
    terminal = startTerminal(config, { log: () => undefined });
    try {
      await waitFor('the known id decoded offline', () => appliedVersion('a') === 2);
      const offline = await waitFor('the unknown id waiting', () => {
        const registryStatus = terminal.status().schemaRegistry;
        return registryStatus?.waiting === 1 && !registryStatus.reachable ? registryStatus : undefined;
      });
      expect(offline.detail).toContain('schema registry unreachable');
      expect(appliedVersion('b')).toBeUndefined();
      expect(terminal.status().deadLetters).toBe(0);

      await registry().start();
      await waitFor('the waiting record applied', () => appliedVersion('b') === 1, 60_000);
      await waitFor('the status to say the registry answers', () => terminal.status().schemaRegistry?.reachable === true);
      expect(terminal.status().schemaRegistry).toEqual({ reachable: true, waiting: 0 });
      expect(terminal.status().deadLetters).toBe(0);
    } finally {
      await terminal.stop();
    }
  });

  it("the simulator's Avro stream (--format avro) is cooked as its JSON stream is: every order at its last version, nothing dead-lettered", async () => {
    const own = testConfig(testBootstrap(), { schemaRegistry: { url: registry().ccompatUrl } });
    await createTopics(kafka, own, 2);
    const records = simulateStream({ merchants: ['m-1', 'm-2'], ordersPerMerchant: 6, seed: 7, faults: { duplicate: 0.1, reorder: 0.1 } });
    await produceRecords(kafka, own.topics.orders, records, { encode: await avroEncoder(registry().ccompatUrl, own.topics.orders) });
    const last = new Map<string, number>();
    for (const { event } of records)
      if (event?.merchantId === 'm-1') last.set(event.orderId, Math.max(last.get(event.orderId) ?? 0, event.version));
    const terminal = startTerminal(own, { log: () => undefined });
    try {
      await waitFor('every order of m-1 at its last version', () => {
        const reading = Storage.openReadOnly(own.dataDir);
        try {
          return [...last].every(([orderId, version]) => reading.orders.get(orderId)?.appliedVersion === version);
        } finally {
          reading.close();
        }
      });
      expect(terminal.status().deadLetters).toBe(0);
    } finally {
      await terminal.stop();
    }
  });

  it("writes kitchen events in Avro when configured so: a platform's own deserializer (the registry's client, nothing of kds) reads them, and the terminal reads its echo", async () => {
    const own = testConfig(testBootstrap(), { schemaRegistry: { url: registry().ccompatUrl }, kitchenEventFormat: 'avro' });
    await createTopics(kafka, own, 1);
    await producer.send({
      topic: own.topics.orders,
      messages: [{ key: 'k', value: JSON.stringify(placedOrder('k')), headers: { [MERCHANT_HEADER]: own.merchantId } }],
    });
    const terminal = startTerminal(own, { log: () => undefined });
    try {
      await waitFor('the order', () => {
        const reading = Storage.openReadOnly(own.dataDir);
        try {
          return reading.orders.get('k')?.appliedVersion === 1;
        } finally {
          reading.close();
        }
      });
      expect(await terminal.api.execute({ type: 'BUMP', orderId: 'k' })).toMatchObject({ ok: true });
      await waitFor('the bump sent and read back', () => {
        const status = terminal.status();
        const kitchenRead = Object.entries(status.counters).some(([name, count]) => name.startsWith('kitchen.') && count > 0);
        return status.outbox.pending === 0 && kitchenRead;
      });
      expect(terminal.status().deadLetters).toBe(0);
    } finally {
      await terminal.stop();
    }

    // The independent reader: a bare kafkajs consumer and @kafkajs/confluent-schema-registry's decode.
    const consumer = kafka.consumer({ groupId: `independent-${own.env}` });
    await consumer.connect();
    await consumer.subscribe({ topic: own.topics.kitchenEvents, fromBeginning: true });
    const values: Buffer[] = [];
    void consumer.run({
      eachMessage: async ({ message }) => {
        if (message.value) values.push(message.value);
      },
    });
    try {
      await waitFor('the kitchen event on the topic', () => values.length >= 1);
    } finally {
      await consumer.disconnect();
    }
    const [value] = values;
    expect(value?.[0]).toBe(0);
    const decoded = (await new SchemaRegistry({ host: registry().ccompatUrl }).decode(value as Buffer)) as Record<string, unknown>;
    expect(decoded).toMatchObject({
      type: 'TICKET_BUMPED',
      orderId: 'k',
      merchantId: own.merchantId,
      terminalId: own.terminalId,
      lineId: null,
    });
    const subjects = (await (await fetch(`${registry().ccompatUrl}/subjects`)).json()) as string[];
    expect(subjects).toContain(`${own.topics.kitchenEvents}-value`);

    // And a reader in another language and another Avro implementation: Kafka's Java consumer and Apache Avro.
    const java = spawnSync(
      'java',
      [
        '-cp',
        avroJavaClasspath(),
        'test/support/java/ReadAvro.java',
        testBootstrap(),
        own.topics.kitchenEvents,
        registry().ccompatUrl,
        '1',
      ],
      { encoding: 'utf8', timeout: 60_000 },
    );
    expect(java.stderr).not.toMatch(/Exception/);
    const [line] = java.stdout.trim().split('\n');
    expect(JSON.parse(line ?? '{}')).toMatchObject({
      type: 'TICKET_BUMPED',
      orderId: 'k',
      merchantId: own.merchantId,
      terminalId: own.terminalId,
    });
  });
});
