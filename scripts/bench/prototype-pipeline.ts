import { parseArgs } from 'node:util';
import { build } from 'esbuild';
import { Kafka, logLevel } from 'kafkajs';
import { LocalBroker } from '../kafka/local-broker';
import { combine, drain, produceBacklog, type DrainResult } from './scenarios/catch-up';
import { runChild } from './scenarios/children';
import type { SnapshotText } from './prototype/lean-apply';
import { buildShippedChild, NODE_CHILD_BUILD } from './shipped-child';

/** The prototype's child and its applying thread, built beside the catch-up child (no TypeScript loader in either thread). */
const PROTOTYPE_CHILD = 'dist/bench/prototype/prototype-child.mjs';

type PrototypeMode = 'one-thread' | 'two-threads';
interface PrototypeResult extends DrainResult {
  applied: number;
  duplicates: number;
  parked: number;
  refused: number;
  /** Milliseconds inside the apply, in the thread that applies. */
  applyMs: number;
  /** Milliseconds decoding, and handing batches over (in one thread: applying them too), in kafkajs' thread. */
  decodeMs: number;
  handMs: number;
  /** CPU milliseconds of the whole process (all its threads) over the drain. */
  cpuMs: number;
}

export interface PrototypeRun {
  events: number;
  rounds: number;
  raw: DrainResult;
  terminal: DrainResult;
  oneThread: PrototypeResult;
  twoThreads: PrototypeResult;
  /** The same with each snapshot kept as its record's text instead of serialised again. */
  oneThreadText: PrototypeResult;
  twoThreadsText: PrototypeResult;
}

async function buildPrototype(): Promise<void> {
  await buildShippedChild();
  await build({
    entryPoints: ['scripts/bench/prototype/prototype-child.ts', 'scripts/bench/prototype/apply-worker.ts'],
    outdir: 'dist/bench/prototype',
    outExtension: { '.js': '.mjs' },
    ...NODE_CHILD_BUILD,
  });
}

/**
 * The next design step of the own-merchant apply, measured against raw kafkajs and the terminal as
 * it ships on the same backlog (BENCHMARKS.md, "Seventh look"): each side in a process of its own,
 * the sides alternating for `rounds` rounds, each side's median counted.
 */
export async function prototypePipeline(bootstrap: string, events: number, rounds: number, log = console.error): Promise<PrototypeRun> {
  await buildPrototype();
  const kafka = new Kafka({ brokers: [bootstrap], clientId: 'prototype', logLevel: logLevel.NOTHING });
  const env = `proto${Date.now()}`;
  log(`[prototype] producing ${events} events of one merchant`);
  const { records, terminalConfig } = await produceBacklog(kafka, bootstrap, events, 1, env);
  const topic = `${env}.orders`;
  const prototype = (mode: PrototypeMode, snapshotText: SnapshotText) =>
    runChild<PrototypeResult>(PROTOTYPE_CHILD, [mode, bootstrap, topic, String(records.length), snapshotText]);
  const sides = {
    raw: [] as DrainResult[],
    terminal: [] as DrainResult[],
    oneThread: [] as PrototypeResult[],
    twoThreads: [] as PrototypeResult[],
    oneThreadText: [] as PrototypeResult[],
    twoThreadsText: [] as PrototypeResult[],
  };
  for (let round = 0; round < rounds; round += 1) {
    log(`[prototype] round ${round + 1} of ${rounds}`);
    sides.raw.push(await drain('raw', terminalConfig(), records.length));
    sides.terminal.push(await drain('kds', terminalConfig(), records.length));
    sides.oneThread.push(await prototype('one-thread', 'stringify'));
    sides.twoThreads.push(await prototype('two-threads', 'stringify'));
    sides.oneThreadText.push(await prototype('one-thread', 'record-text'));
    sides.twoThreadsText.push(await prototype('two-threads', 'record-text'));
  }
  return {
    events: records.length,
    rounds,
    raw: combine(sides.raw),
    terminal: combine(sides.terminal),
    oneThread: combine(sides.oneThread) as PrototypeResult,
    twoThreads: combine(sides.twoThreads) as PrototypeResult,
    oneThreadText: combine(sides.oneThreadText) as PrototypeResult,
    twoThreadsText: combine(sides.twoThreadsText) as PrototypeResult,
  };
}

/** `npm run bench:prototype [-- --events N --rounds N]`: starts its own broker and prints the figures. */
if (process.argv[1]?.endsWith('prototype-pipeline.ts')) {
  const { values } = parseArgs({ options: { events: { type: 'string', default: '30000' }, rounds: { type: 'string', default: '3' } } });
  const events = Number(values.events);
  const rounds = Number(values.rounds);
  if (!Number.isSafeInteger(events) || events < 1 || !Number.isSafeInteger(rounds) || rounds < 1) {
    console.error('usage: npm run bench:prototype [-- --events N --rounds R] (whole numbers above 0)');
    process.exit(2);
  }
  const broker = await LocalBroker.create();
  await broker.start();
  try {
    const run = await prototypePipeline(broker.bootstrap, events, rounds);
    const raw = run.raw.eventsPerSecond;
    const line = (name: string, side: DrainResult) =>
      `${name.padEnd(34)} ${(side.eventsPerSecond / 1000).toFixed(1).padStart(7)}k events/s  ${(side.eventsPerSecond / raw).toFixed(2)} × raw  ` +
      `${((1e6 / side.eventsPerSecond) | 0).toString().padStart(3)} µs/event (CPU ${((side.cpuMs * 1000) / run.events).toFixed(1)})  RSS ${side.peakRssMb} MB  main-thread p99 ${side.loopDelayP99Ms} ms`;
    console.log(`own merchant, ${run.events} events, median of ${run.rounds} rounds`);
    console.log(line('raw kafkajs (counts only)', run.raw));
    console.log(line('terminal as shipped', run.terminal));
    console.log(line('prototype, one thread', run.oneThread));
    console.log(line('prototype, decode | apply threads', run.twoThreads));
    console.log(line('prototype, one thread, record text', run.oneThreadText));
    console.log(line('prototype, two threads, record text', run.twoThreadsText));
    const micros = (ms: number) => ((ms * 1000) / run.events).toFixed(1);
    const variants = [
      ['one thread', run.oneThread],
      ['two threads', run.twoThreads],
      ['one thread, record text', run.oneThreadText],
      ['two threads, record text', run.twoThreadsText],
    ] as const;
    for (const [name, side] of variants)
      console.log(
        `prototype, ${name}: µs/event decoding ${micros(side.decodeMs)}, handing over ${micros(side.handMs)}, ` +
          `applying ${micros(side.applyMs)} (in the applying thread), drain ${micros(side.seconds * 1000)}, ` +
          `CPU of all threads ${micros(side.cpuMs)}`,
      );
    const { applied, duplicates, parked, refused } = run.twoThreads;
    console.log(`prototype apply: ${applied} applied, ${duplicates} duplicates, ${parked} parked, ${refused} refused`);
    console.log(JSON.stringify(run));
  } finally {
    await broker.destroy();
  }
}
