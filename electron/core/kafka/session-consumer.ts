import type { Consumer, Kafka } from 'kafkajs';
import type { KdsConfig } from '../../../shared/config';
import type { Storage } from '../store/storage';
import { merchantAssigner } from './merchant-partitions';
import type { TopicIdentityGuard } from './topic-identity-guard';
import type { TopicSpec } from './topic-consumer';

/**
 * How long the broker holds a fetch that finds nothing new (new records answer it at once): the
 * longer, the fewer wake-ups of an idle terminal; a stopping consumer waits out the one in flight.
 */
const FETCH_WAIT_MS = 1_000;

/** The most one fetch brings (kafkajs still takes a larger first batch whole). */
const FETCH_MAX_BYTES = 512 * 1024;

/** The kafkajs consumer of one session; routed mode gives the group only `reading()` (the merchant's partitions). */
export function createSessionConsumer(kafka: Kafka, config: KdsConfig, spec: TopicSpec, reading: () => readonly number[]): Consumer {
  const sessionTimeout = config.kafka.sessionTimeoutMs;
  return kafka.consumer({
    groupId: spec.groupId,
    sessionTimeout,
    heartbeatInterval: Math.floor(sessionTimeout / 4),
    rebalanceTimeout: Math.max(sessionTimeout, 10_000),
    maxWaitTimeInMs: FETCH_WAIT_MS,
    // Small fetches (kafkajs' default is 10 MB): each is decoded and applied before the next, so its
    // records die young instead of surviving into the old generation with the response they slice.
    // 2 MB fetches peaked at 229-245 MB RSS in a 200,000-event catch-up, 512 KB at 155-161 MB, as fast
    // (BENCHMARKS.md "Memory while catching up").
    maxBytes: FETCH_MAX_BYTES,
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
