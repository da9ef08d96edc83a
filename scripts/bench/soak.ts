import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { Kafka, logLevel } from 'kafkajs';
import { startTerminal, type Terminal } from '../../electron/core/app/terminal';
import { parseConfig } from '../../electron/core/config/load-config';
import { Storage } from '../../electron/core/store/storage';
import type { OrderEvent } from '../../shared/order-events';
import { createTopicsReady } from '../kafka/create-topics';
import { LocalBroker } from '../kafka/local-broker';
import { simulateStream, type SimRecord } from '../simulator/order-simulator';
import { produceRecords } from '../simulator/produce';
import { OffsetClock } from './offset-clock';

/**
 * `npm run bench:soak [-- --days 30 --orders 1500]`: a month of a busy restaurant through one
 * terminal in accelerated time — each day its merchant's orders (placed, some changed, paid,
 * completed or cancelled), every ticket bumped by the cooks, two other merchants' traffic on the
 * same topic — then day 1 against the last day: cold start to the first snapshot, building a
 * snapshot, the fire-time sweep, a tap's latency, the database's size and the process's RSS.
 * A script that prints figures (and writes them as JSON), not a test.
 */
const { values } = parseArgs({
  options: { days: { type: 'string', default: '30' }, orders: { type: 'string', default: '1500' }, json: { type: 'string' } },
});
const days = Number(values.days);
const ordersPerDay = Number(values.orders);
if (!Number.isInteger(days) || days < 2 || !Number.isInteger(ordersPerDay) || ordersPerDay < 10) {
  console.error('usage: npm run bench:soak -- [--days N >= 2] [--orders PER_DAY >= 10] [--json FILE]');
  process.exit(2);
}

const DAY_MS = 24 * 3600_000;
/** Closed orders are kept this many days (the configuration's default): from the day after, the database is at its steady size. */
const RETENTION_DAYS = 7;
const windowFull = Math.min(days, RETENTION_DAYS + 1);
const measuredDays = new Set([1, windowFull, days]);
// The simulated month ends yesterday: every record's Kafka timestamp (its event's time) is in the past.
const FIRST_DAY = Math.floor((Date.now() - (days + 2) * DAY_MS) / DAY_MS) * DAY_MS + 9 * 3600_000;
const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;
const timed = async (work: () => unknown): Promise<number> => {
  const started = performance.now();
  await work();
  return performance.now() - started;
};

interface DayFigures {
  day: number;
  coldStartMs: number;
  integrityCheckMs: number;
  snapshotMs: number;
  fireSweepMs: number;
  tapMs: number;
  tapMaxMs: number;
  databaseMiB: number;
  heapMiB: number;
  rssMiB: number;
  storedOrders: number;
}

const broker = await LocalBroker.create();
await broker.start();
const kafka = new Kafka({ brokers: [broker.bootstrap], clientId: 'soak', logLevel: logLevel.NOTHING });
const env = `soak${Date.now()}`;
const dataDir = mkdtempSync(join(tmpdir(), 'kds-soak-'));
const clock = new OffsetClock(FIRST_DAY);
const config = parseConfig(
  { env, merchantId: 'm-1', terminalId: 'expo-1', kafka: { brokers: [broker.bootstrap] }, startFromMinutes: 60 * 24, dataDir },
  {},
);
let terminal: Terminal | undefined;
let produced = 0;
try {
  const admin = kafka.admin();
  await admin.connect();
  // Records carry the simulated calendar's times: the broker must not expire them by age.
  const keepAll = [{ name: 'retention.ms', value: '-1' }];
  await createTopicsReady(admin, [
    { topic: config.topics.orders, numPartitions: 6, configEntries: keepAll },
    { topic: config.topics.kitchenEvents, numPartitions: 1, configEntries: keepAll },
  ]);
  await admin.disconnect();
  terminal = startTerminal(config, { log: () => undefined, clock });

  const figures: DayFigures[] = [];
  for (let day = 1; day <= days; day += 1) {
    const started = Date.now();
    const opening = FIRST_DAY + (day - 1) * DAY_MS;
    const records = simulateStream({
      merchants: ['m-1', 'm-2', 'm-3'],
      ordersPerMerchant: ordersPerDay,
      seed: day,
      start: new Date(opening),
      orderIdPrefix: `d${day}`,
    });
    // The kitchen works the tickets between the orders' arrival and their payment.
    const arriving = records.filter((r) => isArrival(r.event));
    const closing = records.filter((r) => !isArrival(r.event));
    clock.set(opening + 10 * 3600_000);
    produced += await produce(arriving);
    await drained(terminal, produced);
    const bumped = await bumpEverything(terminal);
    clock.set(opening + 20 * 3600_000);
    produced += await produce(closing);
    await drained(terminal, produced);
    await outboxSent(terminal);
    // Overnight: housekeeping runs on its hourly tick (retention, dedupe prune, backup).
    clock.set(opening + DAY_MS - 60_000);
    await new Promise((resolve) => setTimeout(resolve, 300));
    if (measuredDays.has(day)) {
      const measured = await measure(day);
      terminal = measured.terminal;
      figures.push(measured.figures);
    }
    console.log(
      `day ${day}: ${records.length} records (${arriving.length} arriving), ${bumped} tickets bumped, ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
  }

  const first = figures[0] as DayFigures;
  const full = figures.find((f) => f.day === windowFull) ?? first;
  const last = figures[figures.length - 1] as DayFigures;
  const rows: [string, keyof DayFigures, string][] = [
    ['cold start to first snapshot', 'coldStartMs', 'ms'],
    ['  of which the integrity check (quick_check)', 'integrityCheckMs', 'ms'],
    ['snapshot build (median of 500)', 'snapshotMs', 'ms'],
    ['fire-time sweep (median of 500)', 'fireSweepMs', 'ms'],
    ['tap latency, median of 20 bumps', 'tapMs', 'ms'],
    ['tap latency, worst of 20 bumps', 'tapMaxMs', 'ms'],
    ['database size', 'databaseMiB', 'MiB'],
    ['JS heap in use (after a full GC)', 'heapMiB', 'MiB'],
    ['process RSS', 'rssMiB', 'MiB'],
    ['orders stored', 'storedOrders', ''],
  ];
  const shown = (value: number, unit: string): string => `${value.toFixed(unit === '' ? 0 : 2)} ${unit}`.trim();
  console.log(
    `\n| figure | day 1 | day ${full.day} (retention window full) | day ${last.day} | day ${last.day} / day 1 | day ${last.day} / day ${full.day} |\n|---|---|---|---|---|---|`,
  );
  for (const [label, key, unit] of rows) {
    const [a, b, c] = [first[key], full[key], last[key]];
    console.log(`| ${label} | ${shown(a, unit)} | ${shown(b, unit)} | ${shown(c, unit)} | ${(c / a).toFixed(2)} | ${(c / b).toFixed(2)} |`);
  }
  if (values.json) writeFileSync(values.json, JSON.stringify({ days, ordersPerDay, figures }, null, 2));
} finally {
  await terminal?.stop();
  rmSync(dataDir, { recursive: true, force: true });
  await broker.destroy();
}

function isArrival(event: OrderEvent | undefined): boolean {
  return event?.type === 'ORDER_PLACED' || event?.type === 'ORDER_UPDATED';
}

async function produce(records: SimRecord[]): Promise<number> {
  await produceRecords(kafka, config.topics.orders, records, {
    batchSize: 2000,
    timestampOf: (record) => (record.event ? Date.parse(record.event.occurredAt) : clock.now()),
  });
  return records.length;
}

async function drained(running: Terminal, records: number): Promise<void> {
  for (;;) {
    const status = running.status();
    const consumed = status.lag.reduce((sum, p) => sum + Number(p.nextOffset ?? 0), 0);
    if (consumed >= records && status.retryDepth === 0 && status.parked === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function outboxSent(running: Terminal): Promise<void> {
  while (running.status().outbox.pending > 0) await new Promise((resolve) => setTimeout(resolve, 20));
}

async function bumpEverything(running: Terminal): Promise<number> {
  const snapshot = await running.api.snapshot(undefined);
  if (!snapshot.ok) throw new Error(snapshot.error);
  for (const ticket of snapshot.value.tickets) {
    const result = await running.api.execute({ type: 'BUMP', orderId: ticket.orderId });
    if (!result.ok) throw new Error(`bump refused: ${result.error}`);
  }
  return snapshot.value.tickets.length;
}

/** The figures at the end of a day, after a restart of the terminal (which is measured too). */
async function measure(day: number): Promise<{ terminal: Terminal; figures: DayFigures }> {
  await terminal?.stop();
  let restarted: Terminal | undefined;
  const coldStartMs = await timed(async () => {
    restarted = startTerminal(config, { log: () => undefined, clock });
    const first = await restarted.api.snapshot(undefined);
    if (!first.ok) throw new Error(first.error);
  });
  const running = restarted as Terminal;

  const snapshots: number[] = [];
  for (let i = 0; i < 500; i += 1) snapshots.push(await timed(() => running.api.snapshot(undefined)));

  // The start's integrity check alone, on its own connection: it reads the whole file.
  const checker = new Database(join(dataDir, 'kds.db'), { readonly: true });
  const integrityCheckMs = await timed(() => checker.pragma('quick_check', { simple: true }));
  const tables = checker
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .pluck()
    .all() as string[];
  const rows = Object.fromEntries(
    tables.map((table) => [table, checker.prepare(`SELECT COUNT(*) FROM "${table}"`).pluck().get() as number]),
  );
  console.log(`  day ${day} rows: ${JSON.stringify(rows)}`);
  checker.close();
  const inspect = Storage.openReadOnly(dataDir);
  const sweeps: number[] = [];
  for (let i = 0; i < 500; i += 1) sweeps.push(await timed(() => inspect.orders.scheduledDueBy(new Date(clock.now()).toISOString())));
  const storedOrders = inspect.orders.allIds().length;
  inspect.close();

  // Twenty fresh tickets, each bumped by a tap.
  const fresh = simulateStream({
    merchants: ['m-1'],
    ordersPerMerchant: 20,
    seed: 1000 + day,
    start: new Date(clock.now() - 3600_000),
    orderIdPrefix: `tap${day}`,
  }).filter((r) => r.event?.type === 'ORDER_PLACED');
  produced += await produce(fresh);
  await drained(running, produced);
  const taps: number[] = [];
  for (const record of fresh) taps.push(await timed(() => running.api.execute({ type: 'BUMP', orderId: record.key })));
  await outboxSent(running);

  const size = (file: string): number => {
    try {
      return statSync(join(dataDir, file)).size;
    } catch {
      return 0;
    }
  };
  return {
    terminal: running,
    figures: {
      day,
      coldStartMs,
      integrityCheckMs,
      snapshotMs: median(snapshots),
      fireSweepMs: median(sweeps),
      tapMs: median(taps),
      tapMaxMs: Math.max(...taps),
      databaseMiB: (size('kds.db') + size('kds.db-wal')) / 1024 / 1024,
      heapMiB: heapAfterGc() / 1024 / 1024,
      rssMiB: process.memoryUsage().rss / 1024 / 1024,
      storedOrders,
    },
  };
}

/** Heap in use after a full collection (the script runs with --expose-gc), so garbage of the simulation is not counted. */
function heapAfterGc(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().heapUsed;
}
