import type { KdsConfig } from '../../../shared/config';

/** Raised when this terminal would read another environment's events; never retried. */
export class EnvironmentGuardError extends Error {
  override name = 'EnvironmentGuardError';
}

export function checkTopics(config: KdsConfig): void {
  const prefix = `${config.env}.`;
  const topics = [
    config.topics.orders,
    config.topics.kitchenEvents,
    config.topics.health,
    ...(config.routing === 'routed' ? [config.topics.routingTable] : []),
  ];
  for (const topic of topics) {
    if (!topic.startsWith(prefix)) {
      throw new EnvironmentGuardError(
        `refusing to consume: topic "${topic}" does not belong to environment "${config.env}" (its topics must start with "${prefix}")`,
      );
    }
  }
}

export function checkCluster(config: KdsConfig, clusterId: string, action: 'consume' | 'publish' = 'consume'): void {
  if (config.expectedClusterId !== undefined && config.expectedClusterId !== clusterId) {
    throw new EnvironmentGuardError(
      `refusing to ${action}: connected to Kafka cluster "${clusterId}" but this "${config.env}" terminal is pinned to cluster "${config.expectedClusterId}" (expectedClusterId); check the brokers setting`,
    );
  }
}
