import { Kafka, logLevel } from 'kafkajs';
import { parseArgs } from 'node:util';
import type { KdsConfigInput } from '../../shared/config';
import { LocalBroker } from '../kafka/local-broker';
import type { DrainResult } from './scenarios/catch-up';
import { produceBacklog } from './scenarios/catch-up';
import { runChild } from './scenarios/children';
import { buildShippedChild, CHILD_BUILT, CHILD_SOURCE } from './shipped-child';

/**
 * `npm run bench:memory [-- --events N --merchants M --rounds R]`: the peak RSS of a terminal's
 * process while it catches up (one merchant among 500, 200,000 events by default), measured three
 * ways in alternating rounds, each in a process of its own:
 * - raw kafkajs: a bare consumer that only counts (the baseline);
 * - kds as developed: the catch-up child and the core's thread under tsx (what `npm run bench` runs);
 * - kds as shipped: the same child built with esbuild, the core's thread from the desktop app's
 *   bundle (dist/electron/core-worker.cjs), no TypeScript loader anywhere.
 * Medians of each side; the worst run beside it.
 */
const { values } = parseArgs({
  options: {
    events: { type: 'string', default: '200000' },
    merchants: { type: 'string', default: '500' },
    rounds: { type: 'string', default: '3' },
  },
});
const events = Number(values.events);
const merchants = Number(values.merchants);
const rounds = Number(values.rounds);
const whole = (value: number): boolean => Number.isInteger(value) && value > 0;
if (!whole(events) || !whole(merchants) || !whole(rounds)) {
  console.error('usage: npm run bench:memory [-- --events N --merchants M --rounds R] (whole numbers above 0)');
  process.exit(2);
}

type Side = 'raw kafkajs' | 'kds (tsx)' | 'kds (shipped bundle)';

function drainAs(side: Side, config: KdsConfigInput, expected: number): Promise<DrainResult> {
  const args = (mode: string) => [mode, JSON.stringify(config), String(expected)];
  if (side === 'raw kafkajs') return runChild<DrainResult>(CHILD_BUILT, args('raw'));
  if (side === 'kds (tsx)') return runChild<DrainResult>(CHILD_SOURCE, args('kds'));
  return runChild<DrainResult>(CHILD_BUILT, args('kds'), [], { KDS_BENCH_CORE: 'bundle' });
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;

if (process.argv[1]?.endsWith('memory.ts')) {
  console.log(`Building the shipped core and the catch-up child...`);
  await buildShippedChild();
  const broker = await LocalBroker.create();
  await broker.start();
  try {
    const kafka = new Kafka({ brokers: [broker.bootstrap], clientId: 'bench-memory', logLevel: logLevel.NOTHING });
    console.log(`Producing ${events} events of ${merchants} merchants...`);
    const { records, terminalConfig } = await produceBacklog(kafka, broker.bootstrap, events, merchants, `mem${Date.now()}`);
    const sides: Side[] = ['raw kafkajs', 'kds (tsx)', 'kds (shipped bundle)'];
    const results = new Map<Side, DrainResult[]>(sides.map((side) => [side, []]));
    for (let round = 1; round <= rounds; round += 1) {
      for (const side of sides) {
        // Each terminal on an empty data folder: every round drains the whole backlog.
        const result = await drainAs(side, terminalConfig(), records.length);
        results.get(side)?.push(result);
        console.log(`round ${round}, ${side}: peak RSS ${result.peakRssMb} MB, ${Math.round(result.eventsPerSecond)} events/s`);
      }
    }
    console.log(`\nPeak RSS while catching up ${records.length} events (${merchants} merchants), median of ${rounds}:`);
    for (const side of sides) {
      const runs = results.get(side) ?? [];
      const rss = runs.map((run) => run.peakRssMb);
      console.log(
        `  ${side.padEnd(22)} ${String(median(rss)).padStart(4)} MB (worst ${Math.max(...rss)} MB), ${Math.round(median(runs.map((run) => run.eventsPerSecond)))} events/s`,
      );
    }
  } finally {
    await broker.destroy();
  }
}
