import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { parseConfig } from '../../electron/core/config/load-config';
import { startTerminal } from '../../electron/core/app/terminal';
import { Storage } from '../../electron/core/store/storage';
import { createTopicsReady } from '../kafka/create-topics';
import { LocalBroker } from '../kafka/local-broker';
import { simulateStream } from '../simulator/order-simulator';
import { produceRecords } from '../simulator/produce';
import { loopDelayMonitor } from '../lib/loop-delay';

/**
 * `npm run bench:ingest [-- EVENTS]`: drains one backlog twice in one run against a real
 * broker, first with a bare kafkajs consumer (the baseline), then with the full pipeline
 * (validation, sequencing, SQLite with offsets), and prints the throughput ratio and the
 * event-loop delay of this process while the pipeline drains (Electron's main would freeze
 * if it were large). A script that prints figures, not a test.
 */
const target = Number(process.argv[2] ?? 100_000);
if (!Number.isInteger(target) || target < 1000) {
  console.error('usage: npm run bench:ingest -- [EVENTS >= 1000]');
  process.exit(2);
}

const broker = await LocalBroker.create();
await broker.start();
const kafka = new Kafka({ brokers: [broker.bootstrap], clientId: 'bench', logLevel: logLevel.NOTHING });
const env = `bench${Date.now()}`;
const topic = `${env}.orders`;
const dataDir = mkdtempSync(join(tmpdir(), 'kds-bench-'));
try {
  const admin = kafka.admin();
  await admin.connect();
  await createTopicsReady(admin, [
    { topic, numPartitions: 6 },
    { topic: `${env}.kitchen-events`, numPartitions: 1 },
  ]);
  await admin.disconnect();

  const records = simulateStream({
    merchants: ['m-1'],
    ordersPerMerchant: Math.ceil(target / 3),
    seed: 1,
    faults: { duplicate: 0.02 },
  }).slice(0, target);
  let started = Date.now();
  await produceRecords(kafka, topic, records, { batchSize: 2000 });
  console.log(`produced ${records.length} events in ${((Date.now() - started) / 1000).toFixed(1)} s`);

  // Baseline: bare kafkajs, counting records only.
  const raw = kafka.consumer({ groupId: `${env}.raw`, maxWaitTimeInMs: 250 });
  await raw.connect();
  await raw.subscribe({ topic, fromBeginning: true });
  started = Date.now();
  let firstRaw = 0;
  let seen = 0;
  await new Promise<void>((resolve) => {
    void raw.run({
      eachBatch: async ({ batch }) => {
        if (seen === 0) firstRaw = Date.now();
        seen += batch.messages.length;
        if (seen >= records.length) resolve();
      },
    });
  });
  const rawSeconds = (Date.now() - firstRaw) / 1000;
  await raw.disconnect();

  const config = parseConfig(
    { env, merchantId: 'm-1', terminalId: 'bench', kafka: { brokers: [broker.bootstrap] }, startFromMinutes: 60 * 24 * 7, dataDir },
    {},
  );
  const terminal = startTerminal(config, { log: () => undefined });
  const delay = loopDelayMonitor(10);
  const consumed = (): number => terminal.status().lag.reduce((sum, p) => sum + Number(p.nextOffset ?? 0), 0);
  let firstCore = 0;
  await new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      const done = consumed();
      if (done > 0 && firstCore === 0) {
        firstCore = Date.now();
        delay.enable();
      }
      if (done >= records.length) {
        clearInterval(timer);
        resolve();
      }
    }, 5);
  });
  const coreSeconds = (Date.now() - firstCore) / 1000;
  delay.disable();
  await terminal.stop();
  const inspect = Storage.openReadOnly(dataDir);
  const orders = inspect.orders.allIds().length;
  inspect.close();

  console.log(
    `raw kafkajs:   ${records.length} events in ${rawSeconds.toFixed(2)} s = ${Math.round(records.length / rawSeconds)} events/s`,
  );
  console.log(
    `kds pipeline:  ${records.length} events in ${coreSeconds.toFixed(2)} s = ${Math.round(records.length / coreSeconds)} events/s (${orders} orders)`,
  );
  console.log(`ratio pipeline/raw: ${(rawSeconds / coreSeconds).toFixed(2)}`);
  console.log(
    `event-loop delay while draining (beyond the 10-ms sampling): p50 ${delay.percentileMs(50)} ms, p99 ${delay.percentileMs(99)} ms, max ${delay.maxMs()} ms`,
  );
} finally {
  rmSync(dataDir, { recursive: true, force: true });
  await broker.destroy();
}
