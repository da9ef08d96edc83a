import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createTopicsReady } from '../../scripts/kafka/create-topics';
import { describe, expect, it } from 'vitest';
import { freshTopic, testBootstrap, testKafka } from '../support/kafka';

describe('real Kafka broker harness', () => {
  it('kafkajs produces with an idempotent producer and a consumer group reads every record back in order per key', async () => {
    const kafka = testKafka();
    const topic = await freshTopic(kafka, 'harness');
    const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    const sent = Array.from({ length: 30 }, (_, i) => ({
      key: `ord-${i % 3}`,
      value: JSON.stringify({ n: i }),
      headers: { 'merchant-id': 'm-1' },
    }));
    await producer.send({ topic, acks: -1, messages: sent });
    await producer.disconnect();

    const consumer = kafka.consumer({ groupId: `harness-${topic}` });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    const received: { key: string; n: number; merchant: string }[] = [];
    await new Promise<void>((resolve) => {
      void consumer.run({
        eachMessage: async ({ message }) => {
          const value = JSON.parse(message.value?.toString() ?? 'null') as { n: number };
          received.push({ key: message.key?.toString() ?? '', n: value.n, merchant: message.headers?.['merchant-id']?.toString() ?? '' });
          if (received.length === sent.length) resolve();
        },
      });
    });
    await consumer.disconnect();

    expect(received).toHaveLength(30);
    expect(new Set(received.map((r) => r.merchant))).toEqual(new Set(['m-1']));
    for (const key of ['ord-0', 'ord-1', 'ord-2']) {
      const sequence = received.filter((r) => r.key === key).map((r) => r.n);
      expect(sequence).toEqual([...sequence].sort((a, b) => a - b));
      expect(sequence).toHaveLength(10);
    }
  });

  it('the cluster id can be read (the environment guard pins it later)', async () => {
    const admin = testKafka().admin();
    await admin.connect();
    const cluster = await admin.describeCluster();
    await admin.disconnect();
    expect(cluster.clusterId).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(cluster.brokers.map((b) => `${b.host}:${b.port}`)).toEqual([testBootstrap()]);
  });

  it('kcat, an independent client, produces records that kafkajs reads, and reads what kafkajs wrote', async () => {
    const kafka = testKafka();
    const topic = await freshTopic(kafka, 'kcat', 1);
    const produced = spawnSync('kcat', ['-b', testBootstrap(), '-t', topic, '-P', '-K', ':', '-H', 'merchant-id=m-7'], {
      input: 'ord-1:{"from":"kcat","n":1}\nord-1:{"from":"kcat","n":2}\n',
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(produced.status, produced.stderr).toBe(0);

    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic, messages: [{ key: 'ord-2', value: '{"from":"kafkajs","n":3}' }] });
    await producer.disconnect();

    const consumed = spawnSync(
      'kcat',
      ['-b', testBootstrap(), '-t', topic, '-C', '-o', 'beginning', '-c', '3', '-e', '-f', '%k|%h|%s\\n'],
      {
        encoding: 'utf8',
        timeout: 30_000,
      },
    );
    expect(consumed.status, consumed.stderr).toBe(0);
    expect(consumed.stdout.trim().split('\n')).toEqual([
      'ord-1|merchant-id=m-7|{"from":"kcat","n":1}',
      'ord-1|merchant-id=m-7|{"from":"kcat","n":2}',
      'ord-2||{"from":"kafkajs","n":3}',
    ]);
  });

  it("the patched kafkajs' lazy records read from the broker exactly what its stock decoder reads (kcat's gzip batches, kafkajs' batches, log-append time)", async () => {
    const kafka = testKafka();
    const admin = kafka.admin();
    await admin.connect();
    const createTime = `lazy.${randomUUID().slice(0, 8)}`;
    const appendTime = `lazy-append.${randomUUID().slice(0, 8)}`;
    await createTopicsReady(admin, [
      { topic: createTime, numPartitions: 1, replicationFactor: 1 },
      {
        topic: appendTime,
        numPartitions: 1,
        replicationFactor: 1,
        configEntries: [{ name: 'message.timestamp.type', value: 'LogAppendTime' }],
      },
    ]);
    await admin.disconnect();
    const lines = Array.from({ length: 50 }, (_, n) => `order-${n % 7}:{"n":${n},"pad":"${'x'.repeat(n * 40)}"}`).join('\n');
    for (const topic of [createTime, appendTime]) {
      // A real producer other than kafkajs: gzip batches, a header given twice, and one record with an empty key and value.
      const produced = spawnSync(
        'kcat',
        ['-b', testBootstrap(), '-t', topic, '-P', '-z', 'gzip', '-K', ':', '-H', 'merchant-id=m-7', '-H', 'trace=a', '-H', 'trace=b'],
        {
          input: `${lines}\n:\n`,
          encoding: 'utf8',
        },
      );
      expect(produced.status, produced.stderr).toBe(0);
      const producer = kafka.producer();
      await producer.connect();
      await producer.send({
        topic,
        messages: [
          { key: null, value: null, headers: { 'merchant-id': 'm-8' } },
          { value: 'é', timestamp: '1000' },
        ],
      });
      await producer.disconnect();
    }

    const readAll = async (topic: string, lazyRecords: boolean) => {
      const consumer = kafka.consumer({ groupId: `lazy-${lazyRecords}-${topic}`, lazyRecords });
      await consumer.connect();
      await consumer.subscribe({ topic, fromBeginning: true });
      const read: { keys: string[]; offset: string; timestamp: string; key: Buffer | null; value: Buffer | null; headers: unknown }[] = [];
      await new Promise<void>((resolve) => {
        void consumer.run({
          eachBatch: async ({ batch }) => {
            for (const message of batch.messages) {
              const { offset, timestamp, key, value, headers } = message;
              read.push({ keys: Object.keys(message), offset, timestamp, key, value, headers });
            }
            if (read.length >= 53) resolve();
          },
        });
      });
      await consumer.disconnect();
      return read;
    };
    for (const topic of [createTime, appendTime]) {
      const stock = await readAll(topic, false);
      const lazy = await readAll(topic, true);
      expect(lazy.map(({ keys: _keys, ...fields }) => fields)).toEqual(stock.map(({ keys: _keys, ...fields }) => fields));
      // The lazy path was taken (the broker speaks fetch v11): key and value are read through getters.
      expect(lazy[0]?.keys).not.toContain('value');
      expect(stock[0]?.keys).toContain('value');
      expect(lazy[0]?.headers).toEqual({ 'merchant-id': Buffer.from('m-7'), trace: [Buffer.from('a'), Buffer.from('b')] });
      expect(lazy[50]).toMatchObject({ key: Buffer.alloc(0), value: Buffer.alloc(0) });
      expect(lazy[51]).toMatchObject({ key: null, value: null });
    }
  });

  it('the patched kafkajs asks fetchMaxBytes before every fetch and the broker answers within it', async () => {
    const kafka = testKafka();
    const topic = await freshTopic(kafka, 'fetch-size', 1);
    const producer = kafka.producer();
    await producer.connect();
    // One send each: every record is a record batch of its own, and a fetch holds whole batches.
    for (let n = 0; n < 30; n += 1) await producer.send({ topic, messages: [{ value: JSON.stringify({ n, pad: 'x'.repeat(2_000) }) }] });
    await producer.disconnect();

    let limit = 3_000;
    let asked = 0;
    const consumer = kafka.consumer({
      groupId: `fetch-size-${topic}`,
      maxBytes: 1024 * 1024,
      fetchMaxBytes: () => {
        asked += 1;
        return limit;
      },
    });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    const batchSizes: { limit: number; records: number }[] = [];
    let seen = 0;
    await new Promise<void>((resolve) => {
      void consumer.run({
        eachBatch: async ({ batch }) => {
          batchSizes.push({ limit, records: batch.messages.length });
          seen += batch.messages.length;
          // After five small fetches the rest of the topic fits in one.
          if (batchSizes.length === 5) limit = 1024 * 1024;
          if (seen >= 30) resolve();
        },
      });
    });
    await consumer.disconnect();

    expect(asked).toBeGreaterThanOrEqual(batchSizes.length);
    // About 2 KB a record: a 3-KB response holds one record batch, which the broker sends even when alone it is larger.
    expect(batchSizes.slice(0, 5).map((batch) => batch.records)).toEqual([1, 1, 1, 1, 1]);
    expect(batchSizes.slice(5)).toEqual([{ limit: 1024 * 1024, records: 25 }]);
  });

  it('the patched kafkajs points a consumer group at offsets without waiting out a 5-s fetch (a terminal positions its group at every start)', async () => {
    const kafka = testKafka();
    const topic = await freshTopic(kafka, 'set-offsets', 3);
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic, messages: [0, 1, 2].flatMap((partition) => [0, 1, 2, 3].map((n) => ({ partition, value: `${n}` }))) });
    await producer.disconnect();
    const admin = kafka.admin();
    await admin.connect();
    const groupId = `set-offsets-${topic}`;
    const started = performance.now();
    await admin.setOffsets({ groupId, topic, partitions: [0, 1, 2].map((partition) => ({ partition, offset: String(partition + 1) })) });
    const elapsedMs = performance.now() - started;
    const [committed] = await admin.fetchOffsets({ groupId, topics: [topic] });
    await admin.disconnect();
    expect(committed?.partitions.map(({ partition, offset }) => [partition, offset]).sort()).toEqual([
      [0, '1'],
      [1, '2'],
      [2, '3'],
    ]);
    // Unpatched it sleeps the temporary consumer's default fetch wait (5 s) every time; patched, about 0.1 s.
    expect(elapsedMs).toBeLessThan(3_000);
  });
});
