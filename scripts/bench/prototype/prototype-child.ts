import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { Kafka, logLevel } from 'kafkajs';
import { loopDelayMonitor } from '../../lib/loop-delay';
import { LeanApply, leanBatch, type LeanBatch, type SnapshotText } from './lean-apply';

/**
 * One side of the next-design-step prototype (BENCHMARKS.md, "Seventh look"), in a process of its
 * own: kafkajs as the terminal configures its fetches, each batch decoded (`leanBatch`) and applied
 * (`LeanApply`) — in this thread (`one-thread`), or handed to an applying thread with at most
 * `IN_FLIGHT` batches waiting (`two-threads`: the fetch waits, which is the back-pressure); each
 * snapshot serialised or kept as its record's text (`SnapshotText`). Timed
 * from the first record to the last applied; prints one JSON line like the catch-up child.
 */
type Mode = 'one-thread' | 'two-threads';
const [mode, brokers, topic, expectedArg, snapshotText] = process.argv.slice(2) as [Mode, string, string, string, SnapshotText];
const expected = Number(expectedArg);
const IN_FLIGHT = 4;
const dataDir = mkdtempSync(join(tmpdir(), 'kds-prototype-'));
const delay = loopDelayMonitor(5);
let peakRss = process.memoryUsage.rss();
/** When the last expected record was applied (the time the drain is measured to). */
let doneAt = 0;
const rssTimer = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage.rss())), 50);

interface Counts {
  applied: number;
  duplicates: number;
  parked: number;
  refused: number;
  applyMs: number;
}

interface Applier {
  /** Resolves once the batch may be followed by another (applied, or queued within the bound). */
  hand(batch: LeanBatch): Promise<void>;
  /** Resolves once every record up to `expected` is applied, with the apply's counts. */
  finished: Promise<Counts>;
}

function inThisThread(): Applier {
  const apply = new LeanApply(dataDir);
  let done = 0;
  let resolveFinished: (counts: Counts) => void = () => undefined;
  const finished = new Promise<Counts>((resolve) => (resolveFinished = resolve));
  return {
    hand: async (batch) => {
      done += apply.apply(batch);
      if (done >= expected && doneAt === 0) doneAt = performance.now();
      if (done >= expected)
        resolveFinished({
          applied: apply.applied,
          duplicates: apply.duplicates,
          parked: apply.parked,
          refused: apply.refused,
          applyMs: apply.applyMs,
        });
    },
    finished,
  };
}

function inAnotherThread(): Applier {
  const worker = new Worker(new URL('./apply-worker.mjs', import.meta.url), { workerData: { dataDir } });
  let done = 0;
  let waiting = 0;
  let wake: (() => void) | undefined;
  let resolveFinished: (counts: Counts) => void = () => undefined;
  const finished = new Promise<Counts>((resolve) => (resolveFinished = resolve));
  worker.on('message', (message: { records: number } | ({ closed: true } & Counts)) => {
    if ('closed' in message) {
      resolveFinished(message);
      return;
    }
    waiting -= 1;
    done += message.records;
    wake?.();
    if (done >= expected && doneAt === 0) {
      doneAt = performance.now();
      worker.postMessage('close');
    }
  });
  return {
    hand: async (batch) => {
      waiting += 1;
      worker.postMessage(batch);
      while (waiting >= IN_FLIGHT) await new Promise<void>((resolve) => (wake = resolve));
    },
    finished,
  };
}

const applier = mode === 'one-thread' ? inThisThread() : inAnotherThread();
const kafka = new Kafka({ brokers: brokers.split(','), clientId: `prototype-${mode}`, logLevel: logLevel.NOTHING });
// The terminal's fetches while it keeps what it reads (electron/core/kafka/fetch-size.ts).
const consumer = kafka.consumer({ groupId: `prototype.${mode}.${Date.now()}`, maxWaitTimeInMs: 250, maxBytes: 512 * 1024 });
await consumer.connect();
await consumer.subscribe({ topic, fromBeginning: true });
let firstAt = 0;
let cpuAtFirst = process.cpuUsage();
/** Milliseconds this thread spent decoding (JSON.parse, the reader, the snapshot's JSON) and handing batches over. */
let decodeMs = 0;
let handMs = 0;
void consumer.run({
  autoCommit: false,
  eachBatch: async ({ batch }) => {
    if (firstAt === 0) {
      firstAt = performance.now();
      cpuAtFirst = process.cpuUsage();
      delay.enable();
    }
    const started = performance.now();
    const lean = leanBatch(batch.partition, batch.messages, snapshotText);
    const decoded = performance.now();
    decodeMs += decoded - started;
    const handing = applier.hand(lean);
    handMs += performance.now() - decoded;
    await handing;
  },
});
const counts = await applier.finished;
const seconds = (doneAt - firstAt) / 1000;
const cpu = process.cpuUsage(cpuAtFirst);
delay.disable();
clearInterval(rssTimer);
await consumer.disconnect();
process.stdout.write(
  `${JSON.stringify({
    seconds,
    eventsPerSecond: expected / seconds,
    loopDelayP99Ms: delay.percentileMs(99),
    loopDelayMaxMs: delay.maxMs(),
    peakRssMb: Math.round(peakRss / 1024 / 1024),
    ...counts,
    decodeMs,
    handMs,
    // Every thread of this process, until the end of the drain's last apply (and its close, in two threads).
    cpuMs: (cpu.user + cpu.system) / 1000,
  })}\n`,
);
process.exit(0);
