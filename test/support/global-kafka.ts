import type { TestProject } from 'vitest/node';
import { LocalBroker } from '../../scripts/kafka/local-broker';

declare module 'vitest' {
  export interface ProvidedContext {
    kafkaBootstrap: string;
  }
}

/**
 * One broker per test run. The README's test command starts it once for every runner and
 * passes KDS_TEST_BOOTSTRAP; run alone (`npx vitest`), this starts and stops its own.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const shared = process.env.KDS_TEST_BOOTSTRAP;
  if (shared) {
    project.provide('kafkaBootstrap', shared);
    return async () => {};
  }
  const broker = await LocalBroker.create();
  await broker.start();
  project.provide('kafkaBootstrap', broker.bootstrap);
  return async () => {
    await broker.destroy();
  };
}
