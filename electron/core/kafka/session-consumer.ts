import type { Consumer, Kafka } from 'kafkajs';
import type { KdsConfig } from '../../../shared/config';
import type { Storage } from '../store/storage';
import { KEEPING_FETCH_BYTES, type FetchSize } from './fetch-size';
import { merchantAssigner } from './merchant-partitions';
import type { TopicIdentityGuard } from './topic-identity-guard';
import type { TopicSpec } from './topic-consumer';

/**
 * How long the broker holds a fetch that finds nothing new (new records answer it at once): the
 * longer, the fewer wake-ups of an idle terminal; a stopping consumer waits out the one in flight.
 */
const FETCH_WAIT_MS = 1_000;

declare module 'kafkajs' {
  interface ConsumerConfig {
    /** Asked before every fetch for its response limit, in place of `maxBytes` (patches/kafkajs+2.2.4.patch). */
    fetchMaxBytes?: () => number;
    /** Records whose key and value are sliced only when read, headers and offsets decoded without Long (same patch). */
    lazyRecords?: boolean;
  }
}

/** The kafkajs consumer of one session; routed mode gives the group only `reading()` (the merchant's partitions). */
export function createSessionConsumer(
  kafka: Kafka,
  config: KdsConfig,
  spec: TopicSpec,
  reading: () => readonly number[],
  fetchSize: FetchSize,
): Consumer {
  const sessionTimeout = config.kafka.sessionTimeoutMs;
  return kafka.consumer({
    groupId: spec.groupId,
    sessionTimeout,
    heartbeatInterval: Math.floor(sessionTimeout / 4),
    rebalanceTimeout: Math.max(sessionTimeout, 10_000),
    maxWaitTimeInMs: FETCH_WAIT_MS,
    // Small fetches (kafkajs' default is 10 MB), larger while the records pass through (fetch-size.ts).
    maxBytes: KEEPING_FETCH_BYTES,
    fetchMaxBytes: fetchSize.next,
    // Among hundreds of merchants on one topic, most records are passed over by their header: their key and value are never read.
    lazyRecords: true,
    // A kitchen terminal never creates topics on the platform's cluster (a deleted topic must stay missing, not come back empty).
    allowAutoTopicCreation: false,
    ...(spec.select ? { partitionAssigners: [merchantAssigner(reading)] } : {}),
    retry: { retries: 3, initialRetryTime: 300, maxRetryTime: 3_000, restartOnFailure: async () => false },
  });
}

/**
 * Every join (the first, and each rebalance that hands this terminal partitions) moves each
 * assigned partition to where SQLite says it continues, whatever Kafka's committed offsets
 * say: another member (a terminal sharing this id, a crashed process) may have committed
 * offsets this terminal never applied. Returns the positions sought.
 */
export function seekToStoredPositions(
  consumer: Consumer,
  assigned: readonly number[],
  context: { topic: string; storage: Storage; guard: TopicIdentityGuard; starts: ReadonlyMap<number, string> },
): Map<number, string> {
  const { topic, storage, guard, starts } = context;
  const positions = new Map<number, string>();
  for (const partition of assigned) {
    const offset = guard.provingOffset(partition) ?? storage.offsets.next(topic, partition) ?? starts.get(partition);
    if (offset === undefined) continue;
    consumer.seek({ topic, partition, offset });
    positions.set(partition, offset);
  }
  return positions;
}
