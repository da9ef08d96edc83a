import type { Kafka } from 'kafkajs';
import { testConfig } from '../../../test/support/core-harness';
import { createTerminalTopics } from '../../kafka/create-topics';
import { runChild } from './children';

export interface IdleCost {
  cpuPercent: number;
  userPercent: number;
  systemPercent: number;
  state: string;
  seconds: number;
}

/**
 * What an idle terminal costs (broker up, its topics empty, no screen): its own CPU time (user +
 * system, all threads) over a window after a warm-up, as a share of one core. In a child process,
 * so nothing of the benchmark's own is counted.
 */
export async function idleCost(
  kafka: Kafka,
  bootstrap: string,
  warmUpMs: number,
  windowMs: number,
  profileDir?: string,
): Promise<IdleCost> {
  const env = `idle${Date.now()}`;
  await createTerminalTopics(kafka, env);
  // The product's defaults where they cost CPU (session timeout, so heartbeats; retries).
  const config = testConfig(bootstrap, {
    env,
    terminalId: 'idle',
    kafka: { brokers: [bootstrap] },
    retry: { maxAttempts: 7, baseDelayMs: 1_000, maxDelayMs: 60_000 },
  });
  const profile = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];
  const result = await runChild<Omit<IdleCost, 'seconds'>>(
    'scripts/bench/idle-child.ts',
    [JSON.stringify(config), String(warmUpMs), String(windowMs)],
    profile,
  );
  return { ...result, seconds: windowMs / 1000 };
}
