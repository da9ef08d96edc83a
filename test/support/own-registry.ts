import { afterAll, beforeAll } from 'vitest';
import { LocalRegistry } from '../../scripts/kafka/schema-registry';

/**
 * A real schema registry (Apicurio Registry, scripts/kafka/schema-registry.ts) for the test files
 * that need one: one per file, started before its tests and stopped after them. Its data is kept
 * in a file, so a test may stop it and start it again (a registry that was away) without losing
 * the schemas' ids.
 */
export function useOwnRegistry(): () => LocalRegistry {
  let registry: LocalRegistry | undefined;
  beforeAll(async () => {
    registry = await LocalRegistry.create({ keepData: true });
    await registry.start();
  }, 180_000);
  afterAll(async () => {
    await registry?.destroy();
  });
  return () => {
    if (!registry) throw new Error('the registry starts in beforeAll');
    return registry;
  };
}
