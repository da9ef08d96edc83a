import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

/**
 * kafkajs' producer send as patched at install (patches/kafkajs+2.2.4.patch, applied by
 * patch-package), driven through one leader change: the only way to put a send in the middle of
 * one on demand. The rolling-restart torture (test/integration/cluster-rolling-restart.test.ts)
 * proves the same against a real cluster; this proves the exact interleaving every time.
 */
const load = createRequire(import.meta.url);
type Produce = (request: { topicData: { topic: string; partitions: { partition: number; messages: unknown[] }[] }[] }) => Promise<unknown>;
const sendMessagesOf = load('kafkajs/src/producer/sendMessages.js') as (
  options: object,
) => (request: object) => Promise<{ partition: number }[]>;
const createRetry = load('kafkajs/src/retry/index.js') as (options: object) => unknown;
const { KafkaJSProtocolError } = load('kafkajs/src/errors.js') as { KafkaJSProtocolError: new (error: object) => Error };

const logger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };
const notLeader = () => new KafkaJSProtocolError({ type: 'NOT_LEADER_FOR_PARTITION', code: 6, retriable: true, message: 'not the leader' });

/** Two brokers leading partitions 0 and 1; after a metadata refresh, broker 1 leads both (broker 2 restarted). */
function clusterOfTwo(options: { slowFirst?: Promise<void> } = {}) {
  const leaderOf = new Map([
    [0, 1],
    [1, 2],
  ]);
  const written: { broker: number; partition: number; messages: number }[] = [];
  const broker = (nodeId: number, failFirst: boolean, slowFirst?: Promise<void>) => {
    let failed = false;
    let slowed = false;
    const produce: Produce = async ({ topicData }) => {
      if (failFirst && !failed) {
        failed = true;
        throw notLeader();
      }
      if (slowFirst && !slowed) {
        slowed = true;
        await slowFirst;
      }
      for (const { partitions } of topicData)
        for (const { partition, messages } of partitions)
          written.push({ broker: nodeId, partition: Number(partition), messages: messages.length });
      return {
        topics: topicData.map(({ topic, partitions }) => ({
          topicName: topic,
          partitions: partitions.map(({ partition }) => ({ partition: Number(partition), errorCode: 0, baseOffset: '0' })),
        })),
      };
    };
    return { nodeId, produce };
  };
  const brokers = new Map([
    [1, broker(1, false, options.slowFirst)],
    [2, broker(2, true)],
  ]);
  const cluster = {
    targetTopics: new Set<string>(),
    addMultipleTargetTopics: async () => undefined,
    refreshMetadataIfNecessary: async () => undefined,
    refreshMetadata: async () => {
      leaderOf.set(1, 1);
    },
    isConnected: () => true,
    findTopicPartitionMetadata: () => [...leaderOf].map(([partitionId, leader]) => ({ partitionId, leader })),
    findLeaderForPartitions: (_topic: string, partitions: string[]) => {
      const byLeader: Record<number, string[]> = {};
      for (const partition of partitions) (byLeader[leaderOf.get(Number(partition)) ?? -1] ??= []).push(partition);
      return byLeader;
    },
    findBroker: async ({ nodeId }: { nodeId: string }) => brokers.get(Number(nodeId)),
  };
  return { cluster, written };
}

/** An idempotent producer's per-broker lock, as kafkajs' eosManager holds one: one request in flight per broker. */
function lockedEosManager() {
  const tails = new Map<number, Promise<void>>();
  const releases = new Map<number, () => void>();
  return {
    ...eosManager,
    acquireBrokerLock: async ({ nodeId }: { nodeId: number }) => {
      const before = tails.get(nodeId) ?? Promise.resolve();
      let release: () => void = () => undefined;
      tails.set(
        nodeId,
        before.then(() => new Promise<void>((resolve) => (release = resolve))),
      );
      await before;
      releases.set(nodeId, release);
    },
    releaseBrokerLock: ({ nodeId }: { nodeId: number }) => releases.get(nodeId)?.(),
  };
}

const eosManager = {
  acquireBrokerLock: async () => undefined,
  releaseBrokerLock: async () => undefined,
  isTransactional: () => false,
  getSequence: () => 0,
  updateSequence: () => undefined,
  getProducerId: () => -1,
  getProducerEpoch: () => 0,
};

describe('a producer send across a leader change (kafkajs, patched)', () => {
  it('sends the partition whose leader moved to a broker that already answered, instead of resolving without it', async () => {
    const { cluster, written } = clusterOfTwo();
    const send = sendMessagesOf({
      logger: { namespace: () => logger, ...logger },
      cluster,
      partitioner: ({ message }: { message: { key: string } }) => Number(message.key),
      eosManager,
      retrier: createRetry({ retries: 3, initialRetryTime: 1, maxRetryTime: 5 }),
    });
    const messages = [0, 1, 0, 1, 1].map((partition) => ({ key: String(partition), value: 'v' }));
    const acknowledged = await send({ acks: -1, timeout: 1000, topicMessages: [{ topic: 'orders', messages }] });

    // Unpatched: broker 1 answered for partition 0 first, so partition 1 (now on broker 1) was never sent.
    expect(written.filter((write) => write.partition === 1)).toEqual([{ broker: 1, partition: 1, messages: 3 }]);
    expect(written.filter((write) => write.partition === 0)).toEqual([{ broker: 1, partition: 0, messages: 2 }]);
    expect(acknowledged.map((entry) => entry.partition).sort()).toEqual([0, 1]);
  });

  it('does not send again what a request still in flight from the first attempt gets acknowledged', async () => {
    let answerSlowly: () => void = () => undefined;
    const { cluster, written } = clusterOfTwo({ slowFirst: new Promise<void>((resolve) => (answerSlowly = resolve)) });
    const send = sendMessagesOf({
      logger: { namespace: () => logger, ...logger },
      cluster,
      partitioner: ({ message }: { message: { key: string } }) => Number(message.key),
      eosManager: lockedEosManager(),
      retrier: createRetry({ retries: 3, initialRetryTime: 1, maxRetryTime: 5 }),
    });
    const sending = send({
      acks: -1,
      timeout: 1000,
      topicMessages: [{ topic: 'orders', messages: [0, 1].map((key) => ({ key: String(key), value: 'v' })) }],
    });
    // Broker 2 refused at once; the retry waits on broker 1's lock while its first request is in flight.
    await new Promise((resolve) => setTimeout(resolve, 50));
    answerSlowly();
    await sending;
    expect(written.filter((write) => write.partition === 0)).toHaveLength(1);
    expect(written.filter((write) => write.partition === 1)).toEqual([{ broker: 1, partition: 1, messages: 1 }]);
  });
});
