import { Kafka, logLevel, type KafkaConfig, type SASLOptions } from 'kafkajs';
import type { KdsConfig } from '../../../shared/config';

export type Log = (level: 'info' | 'warn' | 'error', message: string) => void;

function sasl(config: KdsConfig): SASLOptions | undefined {
  const s = config.kafka.sasl;
  if (!s) return undefined;
  return { mechanism: s.mechanism, username: s.username, password: s.password } as SASLOptions;
}

/**
 * A kafkajs client for this terminal. kafkajs' own log lines go through `log` at warn and
 * above only, and never include the SASL password (kafkajs does not log credentials).
 */
export function createKafka(config: KdsConfig, log: Log, overrides: Partial<KafkaConfig> = {}): Kafka {
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
    },
    ...overrides,
  });
}
