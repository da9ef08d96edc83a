import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Kafka, logLevel } from 'kafkajs';
import { LocalBroker } from '../kafka/local-broker';
import { chart, table, type BenchRow } from './report';
import { avroCatchUp, type AvroCatchUp } from './scenarios/avro-catch-up';
import { catchUp, type CatchUp } from './scenarios/catch-up';
import { runChild } from './scenarios/children';
import { durableFloor, type DurableFloor } from './scenarios/durable-floor';
import { idleCost } from './scenarios/idle';
import { routedCatchUp } from './scenarios/routed-catch-up';
import { HOP_NAMES, screenLatency } from './scenarios/screen-latency';
import { buildShippedChild } from './shipped-child';

/** How big each scenario is: the sizes, or seconds-long ones so that `npm test` keeps the scripts alive. */
export const SIZES = {
  full: {
    rounds: 3,
    own: 30_000,
    many: 200_000,
    merchants: 500,
    ordersPerSecond: 50,
    latencySeconds: 20,
    idleWarmUpMs: 10_000,
    idleMs: 30_000,
  },
  smoke: { rounds: 1, own: 1_500, many: 3_000, merchants: 50, ordersPerSecond: 10, latencySeconds: 2, idleWarmUpMs: 1_000, idleMs: 2_000 },
};

export interface BenchResult {
  date: string;
  machine: { cpus: number; cpuModel: string; node: string };
  size: keyof typeof SIZES;
  rows: BenchRow[];
  raw: Record<string, unknown>;
}

const perSecond = (value: number) => `${Math.round(value / 100) / 10}k events/s`;

function catchUpRows(label: string, result: CatchUp, target: number): BenchRow[] {
  return [
    {
      figure: `baseline check, ${label}: @platformatic/kafka`,
      baseline: `raw kafkajs ${perSecond(result.raw.eventsPerSecond)}`,
      kds: `${perSecond(result.platformatic.eventsPerSecond)} (${(result.platformatic.eventsPerSecond / result.raw.eventsPerSecond).toFixed(2)} × kafkajs)`,
      value: result.platformatic.eventsPerSecond / result.raw.eventsPerSecond,
      unit: '× kafkajs',
    },
    {
      figure: `catch-up, ${label} (${result.events.toLocaleString('en')} events)`,
      baseline: `raw kafkajs ${perSecond(result.raw.eventsPerSecond)}`,
      kds: `${perSecond(result.kds.eventsPerSecond)}, ratio ${result.ratio.toFixed(2)}`,
      value: result.ratio,
      unit: '× raw',
      target: { value: target, better: 'higher' },
    },
  ];
}

/** What any design must pay per event, against the raw drain and the terminal's (no target: it bounds the first). */
function floorRow(floor: DurableFloor, own: CatchUp): BenchRow {
  const steps = floor.microsPerEvent;
  const micros = (value: number) => value.toFixed(1);
  return {
    figure: `durable floor, own merchant (${floor.events.toLocaleString('en')} events, no Kafka, no ordering rules)`,
    baseline: `raw kafkajs ${perSecond(own.raw.eventsPerSecond)}`,
    kds:
      `${perSecond(floor.eventsPerSecond)} = ${(floor.eventsPerSecond / own.raw.eventsPerSecond).toFixed(2)} × raw ` +
      `(µs/event: JSON ${micros(steps.parse)}, + reader ${micros(steps.validate)}, ` +
      `+ order row ${micros(steps.orderRow)}); the terminal drains at ${(own.kds.eventsPerSecond / floor.eventsPerSecond).toFixed(2)} of it; ` +
      `its receipts add ${micros(floor.receiptMicrosPerEvent.perEvent)} µs/event kept a row per event (32 rows to an INSERT, as the terminal), ${micros(floor.receiptMicrosPerEvent.perChunk)} one row per chunk (prototype)`,
    value: floor.eventsPerSecond / own.raw.eventsPerSecond,
    unit: '× raw',
  };
}

/** The same backlog in Avro through a real schema registry, against the JSON drain of the same run. */
function avroRow(avro: AvroCatchUp, own: CatchUp): BenchRow {
  const ratio = avro.avro.eventsPerSecond / own.kds.eventsPerSecond;
  const micros = (value: number) => value.toFixed(1);
  return {
    figure: `catch-up in Avro, own merchant only (${avro.events.toLocaleString('en')} events, the same stream)`,
    baseline: `JSON ${perSecond(own.kds.eventsPerSecond)}`,
    kds:
      `${perSecond(avro.avro.eventsPerSecond)} = ${ratio.toFixed(2)} × JSON ` +
      `(decode µs/event: Avro ${micros(avro.decodeMicrosPerEvent.avro)}, JSON ${micros(avro.decodeMicrosPerEvent.json)})`,
    value: ratio,
    unit: '× JSON',
  };
}

/** Runs every scenario against a broker and returns the figures (the CLI below prints and writes them). */
export async function runBench(bootstrap: string, size: keyof typeof SIZES, profileDir?: string): Promise<BenchResult> {
  const sizes = SIZES[size];
  const kafka = new Kafka({ brokers: [bootstrap], clientId: 'bench', logLevel: logLevel.NOTHING });
  const say = (message: string) => console.error(`[bench] ${message}`);
  say('building the core as it ships, and the catch-up child');
  await buildShippedChild();

  say(`catch-up, own merchant only: ${sizes.own} events`);
  const own = await catchUp(kafka, bootstrap, sizes.own, 1, { profileDir, rounds: sizes.rounds });
  say(`durable floor: ${sizes.own} events parsed, validated and recorded without Kafka`);
  const floor = durableFloor(sizes.own, sizes.rounds);
  say(`catch-up in Avro (a schema registry started for it): ${sizes.own} events`);
  const avro = await avroCatchUp(kafka, bootstrap, sizes.own, sizes.rounds);
  say(`catch-up, one merchant among ${sizes.merchants}: ${sizes.many} events`);
  const many = await catchUp(kafka, bootstrap, sizes.many, sizes.merchants, { rounds: sizes.rounds });
  say(`catch-up in routed mode, one merchant among 10 on its partition: ${sizes.many} events`);
  const routed = await routedCatchUp(kafka, bootstrap, sizes.many, sizes.rounds);
  say('cold start on the own-merchant catch-up’s database');
  const cold = await runChild<{ ms: number; tickets: number }>('scripts/bench/cold-start-child.ts', [JSON.stringify(own.config)]);
  say(`produce → DOM at ${sizes.ordersPerSecond} orders/s for ${sizes.latencySeconds} s`);
  const latency = await screenLatency(kafka, bootstrap, sizes.ordersPerSecond, sizes.latencySeconds, profileDir);
  say(`idle: ${sizes.idleMs / 1000} s after ${sizes.idleWarmUpMs / 1000} s`);
  const idle = await idleCost(kafka, bootstrap, sizes.idleWarmUpMs, sizes.idleMs);

  const rows: BenchRow[] = [
    ...catchUpRows('own merchant only', own, 0.5),
    floorRow(floor, own),
    avroRow(avro, own),
    ...catchUpRows(`one merchant among ${many.merchants}`, many, 0.95),
    {
      figure: `catch-up, routed mode: one merchant among ${routed.merchants.length} on its partition (${routed.events.toLocaleString('en')} events)`,
      baseline: `raw kafkajs ${perSecond(routed.raw.eventsPerSecond)}`,
      kds: `${perSecond(routed.kds.eventsPerSecond)}, ratio ${routed.ratio.toFixed(2)}`,
      value: routed.ratio,
      unit: '× raw',
    },
    {
      figure: 'UI thread event-loop delay p99 while draining',
      baseline: `raw kafkajs ${own.raw.loopDelayP99Ms} ms`,
      kds: `${own.kds.loopDelayP99Ms} ms (max ${own.kds.loopDelayMaxMs} ms)`,
      value: own.kds.loopDelayP99Ms,
      unit: 'ms',
      target: { value: 10, better: 'lower' },
    },
    {
      figure: 'peak RSS while catching up',
      baseline: `raw kafkajs ${Math.max(own.raw.peakRssMb, many.raw.peakRssMb, routed.raw.peakRssMb)} MB`,
      kds: `${Math.max(own.kds.peakRssMb, many.kds.peakRssMb, routed.kds.peakRssMb)} MB (own ${own.kds.peakRssMb}, 1 of ${many.merchants} ${many.kds.peakRssMb}, routed ${routed.kds.peakRssMb})`,
      value: Math.max(own.kds.peakRssMb, many.kds.peakRssMb, routed.kds.peakRssMb),
      unit: 'MB',
      target: { value: 200, better: 'lower' },
    },
    {
      figure: `produce → DOM p50 (${latency.ordersPerSecond} orders/s)`,
      baseline: '–',
      kds: `${latency.p50Ms} ms (p90 ${latency.p90Ms}, max ${latency.maxMs}; ${latency.orders} orders, ${latency.missing} missing)`,
      value: latency.p50Ms,
      unit: 'ms',
      target: { value: 30, better: 'lower' },
    },
    {
      figure: `produce → DOM p99 (${latency.ordersPerSecond} orders/s)`,
      baseline: '–',
      kds: `${latency.p99Ms} ms`,
      value: latency.p99Ms,
      unit: 'ms',
      target: { value: 100, better: 'lower' },
    },
    {
      figure: 'produce → DOM by hop, p50 / p99',
      baseline: '–',
      kds: HOP_NAMES.map((name) => `${name} ${latency.hops[name].p50Ms} / ${latency.hops[name].p99Ms} ms`).join('; '),
      value: latency.hops['consumer → commit'].p99Ms,
      unit: 'ms (consumer → commit p99)',
    },
    {
      figure: `cold start to first snapshot (${own.ownEvents.toLocaleString('en')} events stored)`,
      baseline: '–',
      kds: `${Math.round(cold.ms)} ms`,
      value: cold.ms,
      unit: 'ms',
      target: { value: 1500, better: 'lower' },
    },
    {
      figure: 'idle terminal CPU',
      baseline: '–',
      kds: `${idle.cpuPercent.toFixed(2)} % of one core (${idle.state})`,
      value: idle.cpuPercent,
      unit: '% of a core',
      target: { value: 1, better: 'lower' },
    },
  ];
  return {
    date: new Date().toISOString(),
    machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? 'unknown', node: process.version },
    size,
    rows,
    raw: { own: { ...own, config: undefined }, floor, avro, many: { ...many, config: undefined }, routed, cold, latency, idle },
  };
}

export function writeResults(result: BenchResult, outDir: string): void {
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, 'latest.json'), `${JSON.stringify(result, null, 2)}\n`);
  writeFileSync(
    join(outDir, 'latest.svg'),
    chart(result.rows, `kds against its targets — ${result.date.slice(0, 10)}, ${result.size} run`),
  );
}

/** `npm run bench [-- --smoke] [--out DIR] [--profile DIR]`: starts its own broker, runs every scenario, prints the table. */
if (process.argv[1]?.endsWith('bench.ts')) {
  const { values } = parseArgs({
    options: { smoke: { type: 'boolean', default: false }, out: { type: 'string', default: 'docs/bench' }, profile: { type: 'string' } },
  });
  const broker = await LocalBroker.create();
  await broker.start();
  try {
    if (values.profile) mkdirSync(values.profile, { recursive: true });
    const result = await runBench(broker.bootstrap, values.smoke ? 'smoke' : 'full', values.profile);
    console.log(table(result.rows));
    writeResults(result, values.out);
    console.log(`\nwritten: ${join(values.out, 'latest.json')}, ${join(values.out, 'latest.svg')}`);
  } finally {
    await broker.destroy();
  }
}
