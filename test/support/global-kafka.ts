import type { TestProject } from 'vitest/node';
import { LocalBroker, type SecureListener } from '../../scripts/kafka/local-broker';

declare module 'vitest' {
  export interface ProvidedContext {
    kafkaBootstrap: string;
    /** The same broker's SASL_SSL (SCRAM-SHA-512) listener. */
    secureKafka: SecureListener;
  }
}

/**
 * One broker per test run. The README's test command starts it once for every runner and
 * passes KDS_TEST_BOOTSTRAP; run alone (`npx vitest`), this starts and stops its own.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const shared = process.env.KDS_TEST_BOOTSTRAP;
  const secure = process.env.KDS_TEST_SECURE_KAFKA;
  if (shared && secure) {
    project.provide('kafkaBootstrap', shared);
    project.provide('secureKafka', JSON.parse(secure) as SecureListener);
    return async () => {};
  }
  const broker = await LocalBroker.create();
  await broker.start();
  project.provide('kafkaBootstrap', broker.bootstrap);
  project.provide('secureKafka', broker.secure);
  return async () => {
    await broker.destroy();
  };
}
