import type { CoreStatus } from '../../shared/core-status';

/**
 * What the status bar says about the schema registry: nothing while it answers and nothing waits
 * (or none is configured); "unreachable" and how many events (orders, kitchen) wait for a schema otherwise.
 */
export function schemaRegistryLabel(registry: CoreStatus['schemaRegistry']): { label: string; tone: 'bad' | 'warn' } | null {
  if (!registry) return null;
  const waiting = registry.waiting === 1 ? '1 event waits for its schema' : `${registry.waiting} events wait for their schema`;
  if (!registry.reachable) return { label: `Schema registry unreachable${registry.waiting > 0 ? ` — ${waiting}` : ''}`, tone: 'bad' };
  return registry.waiting > 0 ? { label: waiting, tone: 'warn' } : null;
}
