import { describe, expect, it } from 'vitest';
import { testKafkaConnection } from '../../electron/core/kafka/connection-test';
import { createTopicsReady } from '../../scripts/kafka/create-topics';
import { testConfig } from '../support/core-harness';
import { testBootstrap, testKafka } from '../support/kafka';

describe('"Test connection" (real broker)', () => {
  it('names the cluster that answered, says a missing topic is missing, and explains a broker that is not there', async () => {
    const config = testConfig(testBootstrap());
    const admin = testKafka().admin();
    await admin.connect();
    const clusterId = (await admin.describeCluster()).clusterId;
    await createTopicsReady(admin, [{ topic: config.topics.orders, numPartitions: 4, replicationFactor: 1 }]);
    await admin.disconnect();

    const tested = await testKafkaConnection({ ...config, expectedClusterId: 'another-cluster' });
    if (!tested.ok) throw new Error(tested.error);
    expect(tested.value).toMatchObject({ clusterId, brokers: 1, expectedClusterId: 'another-cluster' });
    expect(tested.value.topics).toEqual([
      { name: config.topics.orders, partitions: 4 },
      { name: config.topics.kitchenEvents, partitions: null },
    ]);

    const nowhere = await testKafkaConnection({ ...config, kafka: { ...config.kafka, brokers: ['127.0.0.1:9'] } });
    expect(nowhere).toEqual({ ok: false, error: expect.stringMatching(/ECONNREFUSED 127\.0\.0\.1:9/) });
  });
});
