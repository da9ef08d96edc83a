import type { ConnectionTest, Result } from '../../../shared/app-api';
import type { KdsConfig } from '../../../shared/config';
import { describeConnectionError } from './connection-problem';
import { createKafka } from './kafka-client';

/**
 * "Test connection" for staff setting a terminal up: reaches the cluster with this
 * configuration's address, TLS and credentials, and says which cluster answered (its id, to pin),
 * how many brokers, and whether the terminal's two topics exist — or, in words, why not.
 */
export async function testKafkaConnection(config: KdsConfig): Promise<Result<ConnectionTest>> {
  const kafka = createKafka(config, () => undefined, { retry: { retries: 0 }, connectionTimeout: 3_000, requestTimeout: 5_000 });
  const admin = kafka.admin({ retry: { retries: 0 } });
  const started = performance.now();
  try {
    await admin.connect();
    const cluster = await admin.describeCluster();
    const roundTripMs = Math.round(performance.now() - started);
    const existing = new Set(await admin.listTopics());
    const wanted = [config.topics.orders, config.topics.kitchenEvents];
    const present = wanted.filter((topic) => existing.has(topic));
    const metadata = present.length > 0 ? await admin.fetchTopicMetadata({ topics: present }) : { topics: [] };
    const partitions = new Map(metadata.topics.map((topic) => [topic.name, topic.partitions.length]));
    return {
      ok: true,
      value: {
        clusterId: cluster.clusterId,
        brokers: cluster.brokers.length,
        roundTripMs,
        expectedClusterId: config.expectedClusterId ?? null,
        topics: wanted.map((name) => ({ name, partitions: partitions.get(name) ?? null })),
      },
    };
  } catch (error) {
    return { ok: false, error: describeConnectionError(error, config.kafka.sasl).detail };
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}
