import { readFileSync } from 'node:fs';
import type { ConnectionOptions } from 'node:tls';
import { Kafka, logLevel, type KafkaConfig, type SASLOptions } from 'kafkajs';
import type { KdsConfig } from '../../../shared/config';

import { systemClock } from '../lib/clock';
import type { Log } from '../lib/log';
import { RepeatedLines } from './client-log';

export type { Log } from '../lib/log';

function sasl(config: KdsConfig): SASLOptions | undefined {
  const s = config.kafka.sasl;
  if (!s) return undefined;
  return { mechanism: s.mechanism, username: s.username, password: s.password } as SASLOptions;
}

/** TLS to the brokers: the system's authorities, or those of a private CA's file. */
function tls(config: KdsConfig): boolean | ConnectionOptions {
  if (!config.kafka.ssl) return false;
  return config.kafka.caFile ? { ca: [readFileSync(config.kafka.caFile, 'utf8')] } : true;
}

/** A kafkajs log entry at warn or above, as a consumer may need to react to it. */
export interface ClientLogEntry {
  message: string;
  error?: string;
  topic?: string;
  partition?: number;
}

/** One per log: the terminal makes many clients (a producer, an admin per check), and a retried failure repeats across them. */
const clientLogs = new WeakMap<Log, RepeatedLines>();
function clientLogOf(log: Log): RepeatedLines {
  let lines = clientLogs.get(log);
  if (!lines) clientLogs.set(log, (lines = new RepeatedLines(log, systemClock)));
  return lines;
}

/**
 * A kafkajs client for this terminal. kafkajs' own log lines go through `log` at warn and
 * above only, a repeated line once a minute with its count (client-log.ts), and never include
 * the SASL password (kafkajs does not log credentials).
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
    ssl: tls(config),
    sasl: sasl(config),
    connectionTimeout: config.kafka.connectionTimeoutMs,
    requestTimeout: 10_000,
    retry: { retries: 3, initialRetryTime: 300, maxRetryTime: 3_000 },
    logLevel: logLevel.WARN,
    logCreator: () => (entry) => {
      const level = entry.level <= logLevel.ERROR ? 'error' : 'warn';
      const detail = typeof entry.log.error === 'string' ? `: ${entry.log.error}` : '';
      clientLogOf(log).write(level, `kafkajs ${entry.namespace}: ${entry.log.message}${detail}`);
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
