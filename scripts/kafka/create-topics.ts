import type { Admin, ITopicConfig, Kafka } from 'kafkajs';

/**
 * Creates topics and waits until every partition has a leader. kafkajs' own `waitForLeaders`
 * gives up when a fresh topic's metadata briefly answers "unknown topic" (seen under load on
 * KRaft), so this polls the metadata itself, treating that answer as "not yet".
 */
export async function createTopicsReady(admin: Admin, topics: ITopicConfig[], timeoutMs = 30_000): Promise<void> {
  await admin.createTopics({ topics, waitForLeaders: false });
  const names = topics.map((t) => t.topic);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const { topics: found } = await admin.fetchTopicMetadata({ topics: names });
      const ready =
        found.length === names.length && found.every((t) => t.partitions.length > 0 && t.partitions.every((p) => p.leader >= 0));
      if (ready) return;
    } catch (error) {
      const type = (error as { type?: string }).type;
      if (type !== 'UNKNOWN_TOPIC_OR_PARTITION' && type !== 'LEADER_NOT_AVAILABLE') throw error;
    }
    if (Date.now() > deadline) throw new Error(`topics ${names.join(', ')} had no leaders after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** A terminal's two topics of environment `env` (`<env>.orders`, `<env>.kitchen-events`), created and ready. */
export async function createTerminalTopics(kafka: Kafka, env: string, partitions = { orders: 6, kitchenEvents: 3 }): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    await createTopicsReady(admin, [
      { topic: `${env}.orders`, numPartitions: partitions.orders },
      { topic: `${env}.kitchen-events`, numPartitions: partitions.kitchenEvents },
    ]);
  } finally {
    await admin.disconnect();
  }
}
