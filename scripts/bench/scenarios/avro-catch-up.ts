import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Kafka } from 'kafkajs';
import { AvroReader } from '../../../electron/core/ingest/avro-reader';
import { Storage } from '../../../electron/core/store/storage';
import { orderEventAvro } from '../../../shared/avro/order-event';
import type { KdsConfigInput } from '../../../shared/config';
import { createTerminalTopics } from '../../kafka/create-topics';
import { LocalRegistry } from '../../kafka/schema-registry';
import { avroEncoder } from '../../simulator/avro-encoder';
import { produceRecords } from '../../simulator/produce';
import { benchRecords, drain, type DrainResult } from './catch-up';

export interface AvroCatchUp {
  events: number;
  rounds: number;
  /** The terminal draining the Avro backlog (its median run). */
  avro: DrainResult;
  /** Decoding alone, in this process: an Avro record into the contract's JSON shape, against JSON.parse of the same event. */
  decodeMicrosPerEvent: { avro: number; json: number };
  /** How long the registry took to answer. */
  registryStartMs: number;
}

/** Microseconds per item of `work` over `items`, after one warm-up pass. */
function microsPerItem<T>(items: readonly T[], work: (item: T) => unknown): number {
  for (const item of items) work(item);
  const started = performance.now();
  for (const item of items) work(item);
  return ((performance.now() - started) * 1000) / items.length;
}

/**
 * The own-merchant catch-up's backlog (the same events, the same seed) produced in Avro through a
 * real schema registry (Apicurio, in-memory, started for this scenario) and drained by a terminal
 * configured with it; compared by the caller with the JSON drain of the same run.
 */
export async function avroCatchUp(kafka: Kafka, bootstrap: string, events: number, rounds = 1): Promise<AvroCatchUp> {
  const registry = await LocalRegistry.create();
  await registry.start();
  try {
    const env = `bench${Date.now()}avro`;
    await createTerminalTopics(kafka, env, { orders: 6, kitchenEvents: 1 });
    const topic = `${env}.orders`;
    const records = benchRecords(events, 1);
    const encode = await avroEncoder(registry.ccompatUrl, topic);
    const encoded = await Promise.all(records.map((record) => (record.event ? encode(record.event) : Buffer.from(record.value))));
    await produceRecords(
      kafka,
      topic,
      records.map((record, index) => ({ ...record, bytes: encoded[index] })),
      { batchSize: 2000 },
    );

    const config = (): KdsConfigInput => ({
      env,
      merchantId: 'm-1',
      terminalId: 'bench',
      kafka: { brokers: [bootstrap] },
      startFromMinutes: 60 * 24 * 14,
      schemaRegistry: { url: registry.ccompatUrl },
      dataDir: mkdtempSync(join(tmpdir(), 'kds-bench-')),
    });
    const runs: DrainResult[] = [];
    for (let round = 0; round < rounds; round += 1) runs.push(await drain('kds', config(), records.length));
    const avro = [...runs].sort((a, b) => a.eventsPerSecond - b.eventsPerSecond)[Math.floor(runs.length / 2)] as DrainResult;

    const storage = Storage.open(mkdtempSync(join(tmpdir(), 'kds-bench-decode-')));
    try {
      const reader = new AvroReader({ url: registry.ccompatUrl, storage, now: () => Date.now() });
      await reader.prepare([{ topic, partition: 0, offset: '0', value: encoded[0] ?? null }]);
      const decoding = reader.decoding(orderEventAvro);
      const decodeMicrosPerEvent = {
        avro: microsPerItem(encoded, (bytes) => decoding.decode(bytes)),
        json: microsPerItem(records, (record) => JSON.parse(record.value) as unknown),
      };
      return { events: records.length, rounds, avro, decodeMicrosPerEvent, registryStartMs: registry.startMs };
    } finally {
      storage.close();
    }
  } finally {
    await registry.destroy();
  }
}
