import { spawnSync } from 'node:child_process';
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
});
