import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs, promisify } from 'node:util';
import { Kafka, logLevel } from 'kafkajs';
import { createTopicsReady } from '../kafka/create-topics';
import { freePort, HOST, LocalBroker } from '../kafka/local-broker';
import { simulateStream, type SimRecord } from '../simulator/order-simulator';
import { produceRecords } from '../simulator/produce';
import { routedRecord } from '../simulator/routed-keys';

/**
 * The scale run (SCALE.md): one broker, a stream of `merchants` merchants at rush rate (2 orders a
 * minute each), `terminals` simulated terminals (2 per restaurant) spread over a few processes —
 * once in filter mode (every terminal reads all of `<env>.orders`), once in routed mode (each reads
 * its merchant's partition of `<env>.kds-orders`). Measured: bytes each terminal fetched (kafkajs'
 * own response sizes), the terminals' CPU, and the broker's CPU and egress from Kafka's JMX metrics.
 */
export interface ScaleOptions {
  terminals: number;
  merchants: number;
  seconds: number;
  processes: number;
  filterPartitions: number;
  routedPartitions: number;
}

export const FULL_SCALE: ScaleOptions = {
  terminals: 200,
  merchants: 500,
  seconds: 60,
  processes: 4,
  filterPartitions: 12,
  routedPartitions: 100,
};

const say = (line: string) => console.error(`[scale] ${line}`);

interface BrokerSample {
  bytesOut: number;
  bytesIn: number;
  consumerFetches: number;
  cpuNanos: number;
  at: number;
}

async function brokerMetrics(jmx: string | undefined): Promise<BrokerSample> {
  if (jmx === undefined) return { bytesOut: NaN, bytesIn: NaN, consumerFetches: NaN, cpuNanos: NaN, at: Date.now() };
  const { stdout } = await promisify(execFile)('java', ['scripts/bench/java/BrokerMetrics.java', jmx]);
  return { ...(JSON.parse(stdout.trim()) as Omit<BrokerSample, 'at'>), at: Date.now() };
}

interface ChildReport {
  cpuMs: number;
  terminals: { merchantId: string; bytesFetched: number; fetches: number; ownRecords: number; otherRecords: number }[];
}

/** Starts the simulated terminals of one mode and resolves once every consumer has joined. */
async function startTerminals(
  mode: 'filter' | 'routed',
  bootstrap: string,
  topic: string,
  partitions: number,
  merchantsOfTerminals: string[],
  processCount: number,
) {
  const children: { child: ChildProcess; next: () => Promise<string> }[] = [];
  for (let index = 0; index < processCount; index += 1) {
    const share = merchantsOfTerminals.filter((_, terminal) => terminal % processCount === index);
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'scripts/bench/scale-child.ts', mode, bootstrap, topic, String(partitions), JSON.stringify(share)],
      {
        stdio: ['pipe', 'pipe', 'inherit'],
      },
    );
    const lines = createInterface({ input: child.stdout as NonNullable<typeof child.stdout> })[Symbol.asyncIterator]();
    const next = async () => {
      const line = await lines.next();
      if (line.done) throw new Error(`a ${mode} terminal process ended early`);
      return line.value;
    };
    children.push({ child, next });
  }
  for (const { next } of children) if ((await next()) !== 'ready') throw new Error('a terminal process did not get ready');
  return {
    reset: async () => {
      for (const { child } of children) child.stdin?.write('reset\n');
      for (const { next } of children) await next();
    },
    stop: async (): Promise<ChildReport[]> => {
      for (const { child } of children) child.stdin?.write('stop\n');
      return Promise.all(children.map(async ({ next }) => JSON.parse(await next()) as ChildReport));
    },
  };
}

const median = (numbers: number[]) => [...numbers].sort((a, b) => a - b)[Math.floor(numbers.length / 2)] ?? 0;

async function runMode(
  mode: 'baseline' | 'filter' | 'routed',
  options: ScaleOptions,
  broker: { bootstrap: string; jmx?: string },
  kafka: Kafka,
  topic: string,
  partitions: number,
  records: SimRecord[],
  merchantsOfTerminals: string[],
) {
  say(`${mode}: starting ${merchantsOfTerminals.length} terminals in ${options.processes} processes`);
  // The baseline: the same stream produced with no terminal reading it (what the broker spends on producers alone).
  const terminals =
    mode === 'baseline'
      ? { reset: async () => undefined, stop: async (): Promise<ChildReport[]> => [] }
      : await startTerminals(mode, broker.bootstrap, topic, partitions, merchantsOfTerminals, options.processes);
  await terminals.reset();
  const before = await brokerMetrics(broker.jmx);
  say(`${mode}: producing ${records.length} events over ${options.seconds} s`);
  const produced = mode === 'routed' ? records.map((record) => routedRecord(record)) : records;
  await produceRecords(kafka, topic, produced, { batchSize: 20, ratePerSecond: records.length / options.seconds });
  // The last records' fetches.
  await new Promise((resolve) => setTimeout(resolve, 3_000));
  const after = await brokerMetrics(broker.jmx);
  const reports = await terminals.stop();
  const windowSeconds = (after.at - before.at) / 1000;
  const all = reports.flatMap((report) => report.terminals);
  const bytes = all.map((terminal) => terminal.bytesFetched);
  const produceBytes = records.reduce((sum, record) => sum + Buffer.byteLength(record.value), 0);
  const missing = all.filter((terminal) => {
    const own = records.filter((record) => record.event?.merchantId === terminal.merchantId).length;
    return terminal.ownRecords < own;
  }).length;
  return {
    mode,
    topic,
    terminals: all.length,
    windowSeconds,
    events: records.length,
    valueBytes: produceBytes,
    perTerminal: {
      bytesFetchedMedian: median(bytes),
      bytesFetchedMax: bytes.length > 0 ? Math.max(...bytes) : 0,
      bytesPerSecondMedian: median(bytes) / windowSeconds,
      fetchesPerSecondMedian: median(all.map((terminal) => terminal.fetches)) / windowSeconds,
      otherRecordsMedian: median(all.map((terminal) => terminal.otherRecords)),
      cpuPercentOfCore:
        all.length === 0 ? 0 : (reports.reduce((sum, report) => sum + report.cpuMs, 0) / all.length / (windowSeconds * 1000)) * 100,
    },
    terminalsMissingOwnRecords: missing,
    broker: {
      cpuPercentOfCore: ((after.cpuNanos - before.cpuNanos) / 1e6 / (windowSeconds * 1000)) * 100,
      egressBytesPerSecond: (after.bytesOut - before.bytesOut) / windowSeconds,
      ingressBytesPerSecond: (after.bytesIn - before.bytesIn) / windowSeconds,
      consumerFetchesPerSecond: (after.consumerFetches - before.consumerFetches) / windowSeconds,
    },
  };
}

/** Both modes on a broker (`jmx`: its JMX address, for Kafka's own metrics; without it the broker's figures are NaN). */
export async function runScale(broker: { bootstrap: string; jmx?: string }, options: ScaleOptions) {
  const kafka = new Kafka({ brokers: [broker.bootstrap], clientId: 'scale', logLevel: logLevel.NOTHING });
  const env = `scale${Date.now()}`;
  const admin = kafka.admin();
  await admin.connect();
  // Each phase its own fresh topic, read from its beginning: a terminal joining late misses nothing.
  await createTopicsReady(admin, [
    { topic: `${env}.baseline`, numPartitions: options.filterPartitions },
    { topic: `${env}.orders`, numPartitions: options.filterPartitions },
    { topic: `${env}.kds-orders`, numPartitions: options.routedPartitions },
  ]);
  // Leaders are known before every partition answers offset requests: wait until both topics do.
  for (let attempt = 0; ; attempt += 1) {
    try {
      await Promise.all([`${env}.baseline`, `${env}.orders`, `${env}.kds-orders`].map((topic) => admin.fetchTopicOffsets(topic)));
      break;
    } catch (error) {
      if (attempt >= 60) throw error;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
  await admin.disconnect();
  const merchants = Array.from({ length: options.merchants }, (_, index) => `m-${index + 1}`);
  // Rush rate: 2 orders a minute per restaurant.
  const orders = Math.round((options.merchants * 2 * options.seconds) / 60);
  const records = simulateStream({ merchants, ordersPerMerchant: Math.max(1, Math.ceil(orders / options.merchants)), seed: 3 });
  const merchantsOfTerminals = Array.from(
    { length: options.terminals },
    (_, index) => merchants[Math.floor(index / 2) % options.merchants] as string,
  );
  const baseline = await runMode('baseline', options, broker, kafka, `${env}.baseline`, options.filterPartitions, records, []);
  const filter = await runMode('filter', options, broker, kafka, `${env}.orders`, options.filterPartitions, records, merchantsOfTerminals);
  const routed = await runMode(
    'routed',
    options,
    broker,
    kafka,
    `${env}.kds-orders`,
    options.routedPartitions,
    records,
    merchantsOfTerminals,
  );
  return { date: new Date().toISOString(), setup: options, baseline, filter, routed };
}

/** `npm run bench:scale [-- --terminals N --merchants N --seconds N --processes N --filter-partitions N --routed-partitions N --out DIR]` */
if (process.argv[1]?.endsWith('scale.ts')) {
  const { values } = parseArgs({
    options: {
      terminals: { type: 'string', default: String(FULL_SCALE.terminals) },
      merchants: { type: 'string', default: String(FULL_SCALE.merchants) },
      seconds: { type: 'string', default: String(FULL_SCALE.seconds) },
      processes: { type: 'string', default: String(FULL_SCALE.processes) },
      'filter-partitions': { type: 'string', default: String(FULL_SCALE.filterPartitions) },
      'routed-partitions': { type: 'string', default: String(FULL_SCALE.routedPartitions) },
      out: { type: 'string', default: 'docs/scale' },
    },
  });
  const options: ScaleOptions = {
    terminals: Number(values.terminals),
    merchants: Number(values.merchants),
    seconds: Number(values.seconds),
    processes: Number(values.processes),
    filterPartitions: Number(values['filter-partitions']),
    routedPartitions: Number(values['routed-partitions']),
  };
  const bad = Object.entries(options).find(([, value]) => !Number.isInteger(value) || value < 1);
  if (bad) {
    console.error(`--${bad[0].replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)} must be a whole number above 0`);
    process.exit(2);
  }
  const jmxPort = await freePort();
  const broker = await LocalBroker.create({ jmxPort });
  await broker.start();
  try {
    const result = await runScale({ bootstrap: broker.bootstrap, jmx: `${HOST}:${jmxPort}` }, options);
    mkdirSync(values.out, { recursive: true });
    writeFileSync(join(values.out, 'latest.json'), `${JSON.stringify(result, null, 2)}\n`);
    const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
    const base = result.baseline.broker;
    console.log(
      `no terminals: broker CPU ${base.cpuPercentOfCore.toFixed(1)} % of a core, egress ${kb(base.egressBytesPerSecond)}/s, ingress ${kb(base.ingressBytesPerSecond)}/s`,
    );
    for (const side of [result.filter, result.routed]) {
      console.log(
        `${side.mode.padEnd(7)} ${side.terminals} terminals, ${side.events} events (${kb(side.valueBytes)}) in ${side.windowSeconds.toFixed(0)} s: ` +
          `per terminal ${kb(side.perTerminal.bytesPerSecondMedian)}/s fetched (max ${kb(side.perTerminal.bytesFetchedMax)} total), ` +
          `${side.perTerminal.otherRecordsMedian} others' records, CPU ${side.perTerminal.cpuPercentOfCore.toFixed(2)} % of a core; ` +
          `broker CPU ${side.broker.cpuPercentOfCore.toFixed(1)} %, egress ${kb(side.broker.egressBytesPerSecond)}/s, ` +
          `${side.broker.consumerFetchesPerSecond.toFixed(0)} fetches/s; terminals missing own records: ${side.terminalsMissingOwnRecords}`,
      );
    }
    console.log(`written: ${join(values.out, 'latest.json')}`);
  } finally {
    await broker.destroy();
  }
}
