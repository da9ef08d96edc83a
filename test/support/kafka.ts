import { randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { inject } from 'vitest';
import { createTopicsReady } from '../../scripts/kafka/create-topics';
import type { SecureListener } from '../../scripts/kafka/local-broker';

export function testBootstrap(): string {
  return inject('kafkaBootstrap');
}

/** The run's broker as managed services offer it: SASL SCRAM-SHA-512 over TLS, with the CA made for the run. */
export function testSecureListener(): SecureListener {
  return inject('secureKafka');
}

export function testKafka(clientId = 'kds-test'): Kafka {
  return new Kafka({ brokers: [testBootstrap()], clientId, logLevel: logLevel.NOTHING });
}

/** Each test gets topics nobody else has used, so tests never see each other's records. */
export async function freshTopic(kafka: Kafka, prefix = 'test', partitions = 3): Promise<string> {
  const topic = `${prefix}.${randomUUID().slice(0, 8)}`;
  const admin = kafka.admin();
  await admin.connect();
  try {
    await createTopicsReady(admin, [{ topic, numPartitions: partitions, replicationFactor: 1 }]);
  } finally {
    await admin.disconnect();
  }
  return topic;
}
