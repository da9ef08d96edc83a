import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Kafka } from 'kafkajs';
import { partitionOfKey, routingKeys } from '../../../electron/core/kafka/merchant-partitions';
import type { KdsConfigInput } from '../../../shared/config';
import { MERCHANT_HEADER } from '../../../shared/order-events';
import { createTopicsReady } from '../../kafka/create-topics';
import { simulateStream } from '../../simulator/order-simulator';
import { produceRecords } from '../../simulator/produce';
import { routedRecord } from '../../simulator/routed-keys';
import { combine, drain, type DrainResult } from './catch-up';

/** Partitions of the routed topic, as a platform with many kitchens would have at least. */
const PARTITIONS = 12;
/** Merchants sharing the terminal's partition: its own and nine others. */
const MERCHANTS_ON_PARTITION = 10;

export interface RoutedCatchUp {
  events: number;
  ownEvents: number;
  merchants: string[];
  partition: number;
  raw: DrainResult;
  kds: DrainResult;
  rounds: number;
  ratio: number;
}

/** m-1 and the first merchants whose key lands on the same partition of a `PARTITIONS`-partition topic. */
function neighboursOfM1(): { merchants: string[]; partition: number } {
  const partitionOf = (merchantId: string) => partitionOfKey(routingKeys(merchantId, 1)[0] ?? merchantId, PARTITIONS);
  const partition = partitionOf('m-1');
  const merchants = ['m-1'];
  for (let index = 2; merchants.length < MERCHANTS_ON_PARTITION; index += 1)
    if (partitionOf(`m-${index}`) === partition) merchants.push(`m-${index}`);
  return { merchants, partition };
}

/**
 * Routed mode's catch-up, as a large platform runs kds: the terminal reads only its merchant's
 * partition of `<env>.kds-orders`, which also carries nine other merchants (keyed by merchant, as
 * the order router writes it). Against a bare kafkajs consumer of the same topic (every record is
 * on that one partition, so both read the same backlog), sides alternating, medians of `rounds`.
 */
export async function routedCatchUp(kafka: Kafka, bootstrap: string, events: number, rounds: number): Promise<RoutedCatchUp> {
  const env = `benchr${Date.now()}`;
  const admin = kafka.admin();
  await admin.connect();
  try {
    await createTopicsReady(admin, [
      { topic: `${env}.kds-orders`, numPartitions: PARTITIONS },
      { topic: `${env}.kds-kitchen-events`, numPartitions: 1 },
      { topic: `${env}.kds-routing`, numPartitions: 1, configEntries: [{ name: 'cleanup.policy', value: 'compact' }] },
    ]);
  } finally {
    await admin.disconnect();
  }
  const { merchants, partition } = neighboursOfM1();
  const ordersPerMerchant = Math.max(1, Math.ceil(events / 3.3 / merchants.length));
  const records = simulateStream({ merchants, ordersPerMerchant, seed: 7, faults: { duplicate: 0.02 } })
    .slice(0, events)
    .map((record) => routedRecord(record));
  await produceRecords(kafka, `${env}.kds-orders`, records, { batchSize: 2000 });
  const terminalConfig = (): KdsConfigInput => ({
    env,
    merchantId: 'm-1',
    terminalId: 'bench',
    routing: 'routed',
    kafka: { brokers: [bootstrap] },
    startFromMinutes: 60 * 24 * 14,
    dataDir: mkdtempSync(join(tmpdir(), 'kds-bench-')),
  });
  const sides = { raw: [] as DrainResult[], kds: [] as DrainResult[] };
  for (let round = 0; round < rounds; round += 1) {
    sides.raw.push(await drain('raw', terminalConfig(), records.length));
    sides.kds.push(await drain('kds', terminalConfig(), records.length));
  }
  const raw = combine(sides.raw);
  const kds = combine(sides.kds);
  return {
    events: records.length,
    ownEvents: records.filter((record) => record.headers[MERCHANT_HEADER] === 'm-1').length,
    merchants,
    partition,
    raw,
    kds,
    rounds,
    ratio: kds.eventsPerSecond / raw.eventsPerSecond,
  };
}
