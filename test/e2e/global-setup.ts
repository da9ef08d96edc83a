import { LocalBroker } from '../../scripts/kafka/local-broker';

/**
 * One broker per run: the README's test command passes KDS_TEST_BOOTSTRAP; run alone
 * (`npm run test:e2e`), this starts one and hands its address to the workers via the environment.
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  if (process.env.KDS_TEST_BOOTSTRAP) return async () => {};
  const broker = await LocalBroker.create();
  await broker.start();
  process.env.KDS_TEST_BOOTSTRAP = broker.bootstrap;
  return async () => {
    await broker.destroy();
  };
}
