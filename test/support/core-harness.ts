import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Kafka } from 'kafkajs';
import { createTopicsReady } from '../../scripts/kafka/create-topics';
import type { KdsConfigInput } from '../../shared/config';
import { parseConfig } from '../../electron/core/config/load-config';
import type { KdsConfig } from '../../shared/config';

/** A fresh environment name per test makes fresh topics (`<env>.orders`). */
export function freshEnv(): string {
  return `t${randomUUID().replace(/-/g, '').slice(0, 10)}`;
}

/** mDNS for tests: the loopback interface and a port of their own. */
export const TEST_DISCOVERY = { interface: '127.0.0.1', port: 25353 };

export function testConfig(bootstrap: string, overrides: Partial<KdsConfigInput> = {}): KdsConfig {
  const env = overrides.env ?? freshEnv();
  return parseConfig(
    {
      env,
      merchantId: 'm-1',
      terminalId: 'grill-1',
      kafka: { brokers: [bootstrap], sessionTimeoutMs: 6_000 },
      startFromMinutes: 60 * 24,
      gapTimeoutMs: 60_000,
      retry: { maxAttempts: 7, baseDelayMs: 50, maxDelayMs: 500 },
      dataDir: mkdtempSync(join(tmpdir(), 'kds-core-')),
      ...overrides,
      // Kitchen peers find each other on loopback only in tests (multicast never leaves the machine).
      ...(overrides.peers ? { peers: { discovery: TEST_DISCOVERY, ...overrides.peers } } : {}),
    },
    {},
  );
}

export async function createTopics(kafka: Kafka, config: KdsConfig, partitions = 3, replicationFactor = 1): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    await createTopicsReady(admin, [
      { topic: config.topics.orders, numPartitions: partitions, replicationFactor },
      { topic: config.topics.kitchenEvents, numPartitions: partitions, replicationFactor },
    ]);
  } finally {
    await admin.disconnect();
  }
}

export async function waitFor<T>(what: string, probe: () => T | undefined | false, timeoutMs = 30_000, everyMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined | false;
  while (Date.now() < deadline) {
    last = probe();
    if (last !== undefined && last !== false) return last;
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}

export async function waitForAsync<T>(
  what: string,
  probe: () => Promise<T | undefined | false>,
  timeoutMs = 30_000,
  everyMs = 200,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}
