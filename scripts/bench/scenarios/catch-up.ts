import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Kafka } from 'kafkajs';
import type { KdsConfigInput } from '../../../shared/config';
import { MERCHANT_HEADER } from '../../../shared/order-events';
import { createTerminalTopics } from '../../kafka/create-topics';
import { simulateStream } from '../../simulator/order-simulator';
import { produceRecords } from '../../simulator/produce';
import { runChild } from './children';

export interface DrainResult {
  seconds: number;
  eventsPerSecond: number;
  loopDelayP99Ms: number;
  loopDelayMaxMs: number;
  peakRssMb: number;
}

export interface CatchUp {
  events: number;
  merchants: number;
  ownEvents: number;
  raw: DrainResult;
  /** The same topic drained by a bare @platformatic/kafka consumer (is kafkajs the ceiling?). */
  platformatic: DrainResult;
  kds: DrainResult;
  ratio: number;
  /** The terminal's configuration, its data folder holding what it caught up (for the cold start). */
  config: KdsConfigInput;
}

function drain(mode: 'raw' | 'platformatic' | 'kds', config: KdsConfigInput, expected: number, profileDir?: string): Promise<DrainResult> {
  const profile = profileDir && mode === 'kds' ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];
  return runChild<DrainResult>('scripts/bench/catch-up-child.ts', [mode, JSON.stringify(config), String(expected)], profile);
}

/**
 * A terminal catching up on a backlog of `events` records on a 6-partition topic, `merchants`
 * merchants of which the terminal's is one; against a bare kafkajs consumer of the same topic
 * in the same run (each in its own process, the baseline first).
 */
export async function catchUp(
  kafka: Kafka,
  bootstrap: string,
  events: number,
  merchants: number,
  options: { profileDir?: string } = {},
): Promise<CatchUp> {
  const env = `bench${Date.now()}m${merchants}`;
  await createTerminalTopics(kafka, env, { orders: 6, kitchenEvents: 1 });
  const names = Array.from({ length: merchants }, (_, index) => `m-${index + 1}`);
  const ordersPerMerchant = Math.max(1, Math.ceil(events / 3.3 / merchants));
  const records = simulateStream({ merchants: names, ordersPerMerchant, seed: 7, faults: { duplicate: 0.02 } }).slice(0, events);
  await produceRecords(kafka, `${env}.orders`, records, { batchSize: 2000 });
  const config: KdsConfigInput = {
    env,
    merchantId: 'm-1',
    terminalId: 'bench',
    kafka: { brokers: [bootstrap] },
    startFromMinutes: 60 * 24 * 14,
    dataDir: mkdtempSync(join(tmpdir(), 'kds-bench-')),
  };
  const raw = await drain('raw', config, records.length);
  const platformatic = await drain('platformatic', config, records.length);
  const kds = await drain('kds', config, records.length, options.profileDir);
  return {
    events: records.length,
    merchants,
    ownEvents: records.filter((record) => record.headers[MERCHANT_HEADER] === 'm-1').length,
    raw,
    platformatic,
    kds,
    ratio: kds.eventsPerSecond / raw.eventsPerSecond,
    config,
  };
}
