import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Kafka } from 'kafkajs';
import type { KdsConfigInput } from '../../../shared/config';
import { MERCHANT_HEADER } from '../../../shared/order-events';
import { createTerminalTopics } from '../../kafka/create-topics';
import { simulateStream, type SimRecord } from '../../simulator/order-simulator';
import { produceRecords } from '../../simulator/produce';
import { CHILD_BUILT } from '../shipped-child';
import { runChild } from './children';

export interface DrainResult {
  seconds: number;
  eventsPerSecond: number;
  loopDelayP99Ms: number;
  loopDelayMaxMs: number;
  peakRssMb: number;
  /** CPU milliseconds of the side's process, all its threads, from the first record to the last. */
  cpuMs: number;
}

export interface CatchUp {
  events: number;
  merchants: number;
  ownEvents: number;
  raw: DrainResult;
  /** The same topic drained by a bare @platformatic/kafka consumer (is kafkajs the ceiling?). */
  platformatic: DrainResult;
  kds: DrainResult;
  /** How many times each side drained the backlog (each figure is its side's median). */
  rounds: number;
  ratio: number;
  /** The terminal's configuration, its data folder holding what it caught up (for the cold start). */
  config: KdsConfigInput;
}

/**
 * One drain in a process of its own, every side from the built child (shipped-child.ts, built by
 * `runBench` first): the terminal's core as it ships, and no TypeScript loader on either side.
 */
export function drain(
  mode: 'raw' | 'platformatic' | 'kds',
  config: KdsConfigInput,
  expected: number,
  profileDir?: string,
): Promise<DrainResult> {
  const profile = profileDir && mode === 'kds' ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];
  const env = mode === 'kds' ? { KDS_BENCH_CORE: 'bundle' } : {};
  return runChild<DrainResult>(CHILD_BUILT, [mode, JSON.stringify(config), String(expected)], profile, env);
}

/**
 * A side's speed as its median run (a drain of two seconds moves by a tenth from run to run
 * here), with the worst event-loop delay and memory of all its runs.
 */
export function combine(results: DrainResult[]): DrainResult {
  const sorted = [...results].sort((a, b) => a.eventsPerSecond - b.eventsPerSecond);
  const worst = (pick: (result: DrainResult) => number) => Math.max(...results.map(pick));
  return {
    ...(sorted[Math.floor(sorted.length / 2)] as DrainResult),
    loopDelayP99Ms: worst((result) => result.loopDelayP99Ms),
    loopDelayMaxMs: worst((result) => result.loopDelayMaxMs),
    peakRssMb: worst((result) => result.peakRssMb),
  };
}

/** The backlog every catch-up drains: `events` records of `merchants` merchants, the same stream for the same figures. */
export function benchRecords(events: number, merchants: number): SimRecord[] {
  const names = Array.from({ length: merchants }, (_, index) => `m-${index + 1}`);
  const ordersPerMerchant = Math.max(1, Math.ceil(events / 3.3 / merchants));
  return simulateStream({ merchants: names, ordersPerMerchant, seed: 7, faults: { duplicate: 0.02 } }).slice(0, events);
}

/**
 * The backlog of `benchRecords` on a new 6-partition orders topic of `env`, and a terminal's
 * configuration to drain it (merchant m-1, each call on an empty data folder).
 */
export async function produceBacklog(
  kafka: Kafka,
  bootstrap: string,
  events: number,
  merchants: number,
  env: string,
): Promise<{ records: SimRecord[]; terminalConfig: () => KdsConfigInput }> {
  await createTerminalTopics(kafka, env, { orders: 6, kitchenEvents: 1 });
  const records = benchRecords(events, merchants);
  await produceRecords(kafka, `${env}.orders`, records, { batchSize: 2000 });
  const terminalConfig = (): KdsConfigInput => ({
    env,
    merchantId: 'm-1',
    terminalId: 'bench',
    kafka: { brokers: [bootstrap] },
    startFromMinutes: 60 * 24 * 14,
    dataDir: mkdtempSync(join(tmpdir(), 'kds-bench-')),
  });
  return { records, terminalConfig };
}

/**
 * A terminal catching up on a backlog of `events` records on a 6-partition topic, `merchants`
 * merchants of which the terminal's is one; against a bare kafkajs consumer of the same topic
 * in the same run (each in its own process). `rounds` alternate the sides (raw, platformatic,
 * kds, raw, …; each terminal on an empty data folder) and each side's median counts.
 */
export async function catchUp(
  kafka: Kafka,
  bootstrap: string,
  events: number,
  merchants: number,
  options: { profileDir?: string; rounds?: number } = {},
): Promise<CatchUp> {
  const { records, terminalConfig } = await produceBacklog(kafka, bootstrap, events, merchants, `bench${Date.now()}m${merchants}`);
  const sides = { raw: [] as DrainResult[], platformatic: [] as DrainResult[], kds: [] as DrainResult[] };
  let config = terminalConfig();
  const rounds = options.rounds ?? 1;
  for (let round = 0; round < rounds; round += 1) {
    sides.raw.push(await drain('raw', config, records.length));
    sides.platformatic.push(await drain('platformatic', config, records.length));
    if (round > 0) config = terminalConfig();
    // Only the last round is profiled: one profile per side is enough to read.
    sides.kds.push(await drain('kds', config, records.length, round === rounds - 1 ? options.profileDir : undefined));
  }
  const raw = combine(sides.raw);
  const kds = combine(sides.kds);
  return {
    events: records.length,
    merchants,
    ownEvents: records.filter((record) => record.headers[MERCHANT_HEADER] === 'm-1').length,
    rounds,
    raw,
    platformatic: combine(sides.platformatic),
    kds,
    ratio: kds.eventsPerSecond / raw.eventsPerSecond,
    config,
  };
}
