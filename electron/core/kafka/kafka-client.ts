import { Kafka, logLevel, type KafkaConfig, type SASLOptions } from 'kafkajs';
import type { KdsConfig } from '../../../shared/config';

import type { Log } from '../lib/log';

export type { Log } from '../lib/log';

function sasl(config: KdsConfig): SASLOptions | undefined {
  const s = config.kafka.sasl;
  if (!s) return undefined;
  return { mechanism: s.mechanism, username: s.username, password: s.password } as SASLOptions;
}

/** A kafkajs log entry at warn or above, as a consumer may need to react to it. */
export interface ClientLogEntry {
  message: string;
  error?: string;
  topic?: string;
  partition?: number;
}

/**
 * A kafkajs client for this terminal. kafkajs' own log lines go through `log` at warn and
 * above only, and never include the SASL password (kafkajs does not log credentials).
 * `onEntry` sees them too: some client events (an offset reset, a partition that vanished
 * under a fetch) reach the application only as log lines.
 */
export function createKafka(
  config: KdsConfig,
  log: Log,
  overrides: Partial<KafkaConfig> = {},
  onEntry?: (entry: ClientLogEntry) => void,
): Kafka {
  return new Kafka({
    clientId: `${config.kafka.clientId}.${config.terminalId}`,
    brokers: config.kafka.brokers,
    ssl: config.kafka.ssl,
    sasl: sasl(config),
    connectionTimeout: config.kafka.connectionTimeoutMs,
    requestTimeout: 10_000,
    retry: { retries: 3, initialRetryTime: 300, maxRetryTime: 3_000 },
    logLevel: logLevel.WARN,
    logCreator: () => (entry) => {
      const level = entry.level <= logLevel.ERROR ? 'error' : 'warn';
      const detail = typeof entry.log.error === 'string' ? `: ${entry.log.error}` : '';
      log(level, `kafkajs ${entry.namespace}: ${entry.log.message}${detail}`);
      const { topic, partition, error } = entry.log as { topic?: unknown; partition?: unknown; error?: unknown };
      onEntry?.({
        message: entry.log.message,
        ...(typeof error === 'string' ? { error } : {}),
        ...(typeof topic === 'string' ? { topic } : {}),
        ...(typeof partition === 'number' ? { partition } : {}),
      });
    },
    ...overrides,
  });
}
