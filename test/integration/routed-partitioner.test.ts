import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { partitionOfKey, routingKeys } from '../../electron/core/kafka/merchant-partitions';
import { kafkaClasspath } from '../../scripts/kafka/kafka-jars';
import { readTopicWithKcat } from '../support/kcat';
import { freshTopic, testBootstrap, testKafka } from '../support/kafka';

const PARTITIONS = 7;
const keys = [
  ...Array.from({ length: 30 }, (_, index) => `m-${index + 1}`),
  ...routingKeys('m-big', 4),
  'merchant-42',
  'café-7',
  'ハンバーガー店',
  'a.very.long.merchant-identifier_with-punctuation.0123456789',
];

/** Where kcat (librdkafka) put each key, with the given partitioner. */
async function kcatPartitions(partitioner: string | undefined): Promise<Map<string, number>> {
  const topic = await freshTopic(testKafka(), 'kcat-keys', PARTITIONS);
  const options = partitioner ? ['-X', `topic.partitioner=${partitioner}`] : [];
  const produced = spawnSync('kcat', ['-P', '-b', testBootstrap(), '-t', topic, '-K', '\t', ...options], {
    input: keys.map((key) => `${key}\t{}`).join('\n') + '\n',
    encoding: 'utf8',
  });
  expect(produced.status, produced.stderr).toBe(0);
  const records = await readTopicWithKcat(testBootstrap(), topic);
  expect(records).toHaveLength(keys.length);
  return new Map(records.map((record) => [record.key ?? '', record.partition]));
}

describe('the merchant assigner agrees with the platform’s producers', () => {
  const ours = new Map(keys.map((key) => [key, partitionOfKey(key, PARTITIONS)]));

  it('Kafka’s Java producer puts every merchant key on the partition the terminal reads', { timeout: 120_000 }, async () => {
    const topic = await freshTopic(testKafka(), 'java-keys', PARTITIONS);
    // Keys on stdin, not as arguments: a machine without a UTF-8 locale would garble them on the way to Java.
    const produced = spawnSync('java', ['-cp', kafkaClasspath(), 'test/support/java/ProduceKeys.java', testBootstrap(), topic], {
      input: `${keys.join('\n')}\n`,
      encoding: 'utf8',
      maxBuffer: 4 * 1024 * 1024,
    });
    expect(produced.status, produced.stderr).toBe(0);
    const stdout = produced.stdout;
    const java = new Map(
      stdout
        .trim()
        .split('\n')
        .map((line) => line.split('\t'))
        .map(([key, partition]) => [key ?? '', Number(partition)]),
    );
    expect(java.size).toBe(keys.length);
    expect(java).toEqual(ours);
    // The keys are spread: a hash that sent everything to one partition would pass trivially.
    expect(new Set(java.values()).size).toBeGreaterThan(4);
  });

  it('kcat with librdkafka’s murmur2_random does too; its default (consistent_random) does not', { timeout: 60_000 }, async () => {
    expect(await kcatPartitions('murmur2_random')).toEqual(ours);
    const consistent = await kcatPartitions(undefined);
    expect(keys.filter((key) => consistent.get(key) !== ours.get(key)).length).toBeGreaterThan(keys.length / 2);
  });
});
