import type { TFunction } from 'i18next';
import type { CoreStatus } from '../../shared/core-status';

/**
 * What the status bar says about the schema registry: nothing while it answers and nothing waits
 * (or none is configured); "unreachable" and how many events (orders, kitchen) wait for a schema otherwise.
 */
export function schemaRegistryLabel(registry: CoreStatus['schemaRegistry'], t: TFunction): { label: string; tone: 'bad' | 'warn' } | null {
  if (!registry) return null;
  const waiting = t('registry.waiting', { count: registry.waiting });
  if (!registry.reachable)
    return { label: registry.waiting > 0 ? t('registry.unreachableWaiting', { waiting }) : t('registry.unreachable'), tone: 'bad' };
  return registry.waiting > 0 ? { label: waiting, tone: 'warn' } : null;
}
