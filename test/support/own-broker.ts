import { afterAll, beforeAll } from 'vitest';
import { LocalBroker } from '../../scripts/kafka/local-broker';

/**
 * For test files that stop and restart a broker: their own, instead of the run's shared one.
 * Returns the broker once the file's tests run.
 */
export function useOwnBroker(): () => LocalBroker {
  let broker: LocalBroker | undefined;
  beforeAll(async () => {
    broker = await LocalBroker.create();
    await broker.start();
  }, 120_000);
  afterAll(async () => {
    await broker?.destroy();
  });
  return () => {
    if (!broker) throw new Error('the broker starts in beforeAll');
    return broker;
  };
}
