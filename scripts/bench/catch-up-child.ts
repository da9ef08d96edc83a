import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseConfig } from '../../electron/core/config/load-config';
import { loopDelayMonitor } from '../lib/loop-delay';

/**
 * One side of a catch-up measurement, in a process of its own (so each side has the machine as
 * a terminal would, and RSS is its own): `raw` drains the topic with a bare kafkajs consumer,
 * `kds` with a terminal (its core in a worker thread, as the product runs it). Both time from
 * the first record to the last of `expected` and print one JSON line: seconds, events/s, the
 * event-loop delay of this process's main thread (the one that owns windows and screens) while
 * draining, and the process's peak RSS. Each side loads only its own client (the others are
 * imported when used), so its memory is its own.
 */
type Mode = 'raw' | 'platformatic' | 'kds';
const [mode, configJson, expectedArg] = process.argv.slice(2) as [Mode, string, string];
const rawConfig = JSON.parse(configJson) as object;
const config = parseConfig(rawConfig, {});
const expected = Number(expectedArg);
const delay = loopDelayMonitor(5);
let peakRss = process.memoryUsage.rss();
const rssTimer = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage.rss())), 50);
let firstAt = 0;
let cpuAtFirst = process.cpuUsage();
const first = (): void => {
  if (firstAt === 0) {
    firstAt = performance.now();
    cpuAtFirst = process.cpuUsage();
    delay.enable();
  }
};

async function drainRaw(): Promise<void> {
  const { Kafka, logLevel } = await import('kafkajs');
  const kafka = new Kafka({ brokers: config.kafka.brokers, clientId: 'bench-raw', logLevel: logLevel.NOTHING });
  const consumer = kafka.consumer({ groupId: `bench.raw.${Date.now()}`, maxWaitTimeInMs: 250, maxBytes: 2 * 1024 * 1024 });
  await consumer.connect();
  await consumer.subscribe({ topic: config.topics.orders, fromBeginning: true });
  let seen = 0;
  await new Promise<void>((resolve) => {
    void consumer.run({
      // kafkajs' default commits after every batch: a bare consumer that only counts should not pay for that round trip.
      autoCommit: false,
      eachBatch: async ({ batch }) => {
        first();
        seen += batch.messages.length;
        if (seen >= expected) resolve();
      },
    });
  });
  finish();
  await consumer.disconnect();
}

/** The second baseline: a bare consumer of @platformatic/kafka, to learn whether kafkajs is the ceiling. */
async function drainPlatformatic(): Promise<void> {
  const { Consumer, MessagesStreamModes } = await import('@platformatic/kafka');
  const consumer = new Consumer({
    clientId: 'bench-platformatic',
    bootstrapBrokers: config.kafka.brokers,
    groupId: `bench.pk.${Date.now()}`,
  });
  const stream = await consumer.consume({ topics: [config.topics.orders], mode: MessagesStreamModes.EARLIEST, autocommit: false });
  let seen = 0;
  await new Promise<void>((resolve) => {
    stream.on('data', () => {
      first();
      seen += 1;
      if (seen >= expected) resolve();
    });
  });
  finish();
  await stream.close();
  await consumer.close(true);
}

/** The terminal as the product runs it: its core in a worker thread, this (host) thread measured. */
async function drainKds(): Promise<void> {
  const { WorkerTerminal } = await import('../../electron/core/app/worker-terminal');
  const folder = mkdtempSync(join(tmpdir(), 'kds-bench-config-'));
  writeFileSync(join(folder, 'kds.json'), JSON.stringify(rawConfig), { mode: 0o600 });
  const terminal = await WorkerTerminal.start({
    configFile: join(folder, 'kds.json'),
    newConfigDefaults: { dataDir: config.dataDir },
    // The shipped bundle (dist/electron, `npm run build:electron`) when asked: no TypeScript loader in the core's thread.
    ...(process.env.KDS_BENCH_CORE === 'bundle'
      ? {
          workerScript: fileURLToPath(new URL('../../dist/electron/core-worker.cjs', import.meta.url)),
          // `--profile`: the core's thread writes its own CPU profile beside this thread's.
          execArgv: process.execArgv.filter((flag) => flag.startsWith('--cpu-prof')),
        }
      : { workerScript: fileURLToPath(new URL('../../electron/core/app/core-worker.ts', import.meta.url)) }),
    log: () => undefined,
    onCrash: (error) => {
      console.error(`the terminal's core failed: ${error.message}`);
      process.exit(1);
    },
  });
  const consumed = async (): Promise<number> => {
    const status = await terminal.api.status(undefined);
    return status.ok ? status.value.lag.reduce((sum, partition) => sum + Number(partition.nextOffset ?? 0), 0) : 0;
  };
  for (;;) {
    const done = await consumed();
    if (done > 0) first();
    if (done >= expected) break;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  finish();
  await terminal.stop();
}

let result: object | undefined;
function finish(): void {
  const seconds = (performance.now() - firstAt) / 1000;
  const cpu = process.cpuUsage(cpuAtFirst);
  delay.disable();
  clearInterval(rssTimer);
  result = {
    seconds,
    eventsPerSecond: expected / seconds,
    loopDelayP99Ms: delay.percentileMs(99),
    loopDelayMaxMs: delay.maxMs(),
    peakRssMb: Math.round(peakRss / 1024 / 1024),
    // Every thread of this process (the terminal's core too), from the first record to the last.
    cpuMs: (cpu.user + cpu.system) / 1000,
  };
}

await (mode === 'raw' ? drainRaw() : mode === 'platformatic' ? drainPlatformatic() : drainKds());
process.stdout.write(`${JSON.stringify(result)}\n`);
process.exit(0);
