import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { Partitioners, type Kafka } from 'kafkajs';
import { chromium } from 'playwright-core';
import type { HopStamp } from '../../../electron/core/kafka/hop-trace';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../../playwright.config';
import { createTerminalTopics } from '../../kafka/create-topics';
import { simulateStream, type SimRecord } from '../../simulator/order-simulator';

export interface ScreenLatency {
  ordersPerSecond: number;
  orders: number;
  events: number;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  maxMs: number;
  /**
   * Each placed order's way, hop by hop (p50 and p99 of each): produce → the terminal's consumer
   * (the producer, the broker, the fetch), consumer → commit (the core applies it), commit → the
   * screen's socket (ticket stream, worker to web host, WebSocket), socket → DOM (the page).
   */
  hops: Record<HopName, { p50Ms: number; p99Ms: number }>;
  /** Placed orders whose ticket never appeared though they stayed open a second or more (should be 0). */
  missing: number;
  /** Orders completed or cancelled within a second of being placed, whose ticket never showed (a delta may carry both). */
  closedBeforeShown: number;
}

export const HOP_NAMES = ['produce → consumer', 'consumer → commit', 'commit → socket', 'socket → DOM'] as const;
export type HopName = (typeof HOP_NAMES)[number];

/** When the terminal's consumer had each order's first record and when it was committed (electron/core/kafka/hop-trace.ts). */
function readHopTrace(file: string): Map<string, HopStamp> {
  const stamps = new Map<string, HopStamp>();
  if (!existsSync(file)) return stamps;
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (line === '') continue;
    const stamp = JSON.parse(line) as HopStamp;
    if (!stamps.has(stamp.key)) stamps.set(stamp.key, stamp);
  }
  return stamps;
}

/** The simulator's display numbers repeat (as a restaurant's do); here each ticket must be told apart on screen. */
function uniquelyNumbered(records: SimRecord[], prefix: string): SimRecord[] {
  const numbers = new Map<string, number>();
  return records.map((record) => {
    const event = record.event;
    if (!event?.order) return record;
    const number = numbers.get(event.orderId) ?? numbers.size + 1;
    numbers.set(event.orderId, number);
    const renamed = { ...event, order: { ...event.order, displayNumber: `${prefix}${number}` } };
    return { ...record, event: renamed, value: JSON.stringify(renamed) };
  });
}

const percentile = (sorted: number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

/**
 * Produce → ticket in the DOM: the product's own `serve` (core and web host in a process of
 * their own, as on a terminal), a paired Chromium screen, and orders with their lifecycles
 * produced at `ordersPerSecond`. Each placed order's latency runs from just before its record is
 * sent to the moment the screen's DOM holds its ticket (a MutationObserver's clock; one machine,
 * one clock).
 */
export async function screenLatency(
  kafka: Kafka,
  bootstrap: string,
  ordersPerSecond: number,
  seconds: number,
  profileDir?: string,
): Promise<ScreenLatency> {
  const env = `lat${Date.now()}`;
  await createTerminalTopics(kafka, env);
  const folder = mkdtempSync(join(tmpdir(), 'kds-latency-'));
  const configFile = join(folder, 'kds.json');
  const config = { env, merchantId: 'm-1', terminalId: 'expo-1', kafka: { brokers: [bootstrap] }, dataDir: 'data', web: { port: 0 } };
  writeFileSync(configFile, JSON.stringify(config), { mode: 0o600 });
  const profile = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];
  const hopTrace = join(folder, 'hops.jsonl');
  const serve = spawn(process.execPath, [...profile, '--import', 'tsx', 'scripts/serve.ts', '--config', configFile], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, KDS_HOP_TRACE: hopTrace },
  });
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  try {
    const link = await new Promise<string>((resolve, reject) => {
      serve.once('exit', (code) => reject(new Error(`serve exited with ${code}`)));
      createInterface({ input: serve.stdout }).on('line', (line) => {
        const found = /open (http\S+#pair=\d+)/.exec(line)?.[1];
        if (found) resolve(found);
      });
    });
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    // A string: this script runs in the page, whose DOM types the Node side does not compile against.
    await page.addInitScript(`
      const seen = (globalThis.__seen = {});
      // When each ticket first reached the screen's socket: splits the latency into the terminal's part and the page's.
      const received = (globalThis.__received = {});
      const PageSocket = WebSocket;
      globalThis.WebSocket = class extends PageSocket {
        constructor(...args) {
          super(...args);
          this.addEventListener('message', (message) => {
            const at = Date.now();
            if (typeof message.data !== 'string') return;
            for (const found of message.data.matchAll(/"displayNumber":"([^"]+)"/g))
              if (received['Ticket ' + found[1]] === undefined) received['Ticket ' + found[1]] = at;
          });
        }
      };
      new MutationObserver((mutations) => {
        const at = Date.now();
        for (const mutation of mutations)
          for (const node of mutation.addedNodes) {
            if (!(node instanceof Element)) continue;
            for (const ticket of [node, ...node.querySelectorAll('[aria-label^="Ticket "]')]) {
              const label = ticket.getAttribute('aria-label');
              if (label && label.startsWith('Ticket ') && seen[label] === undefined) seen[label] = at;
            }
          }
      }).observe(document, { childList: true, subtree: true });
    `);
    await page.goto(link);
    await page.getByRole('status').filter({ hasText: 'Online' }).waitFor({ timeout: 30_000 });
    const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
    // A warm-up order: measuring starts once the terminal's consumer has joined its group and reads live.
    const [warmUp] = uniquelyNumbered(simulateStream({ merchants: ['m-1'], ordersPerMerchant: 1, seed: 3, orderIdPrefix: 'warm-up' }), 'W');
    if (warmUp?.event?.type === 'ORDER_PLACED' && warmUp.event.order) {
      await producer.send({ topic: `${env}.orders`, messages: [{ key: warmUp.key, value: warmUp.value, headers: warmUp.headers }] });
      await page.getByRole('article', { name: `Ticket ${warmUp.event.order.displayNumber}` }).waitFor({ timeout: 60_000 });
    }

    const orders = Math.max(1, Math.round(ordersPerSecond * seconds));
    const records = uniquelyNumbered(simulateStream({ merchants: ['m-1'], ordersPerMerchant: orders, seed: 11 }), 'N');
    const perEventMs = 1000 / ((ordersPerSecond * records.length) / orders);
    const sentAt = new Map<string, number>();
    const labels = new Map<string, string>();
    const closedAt = new Map<string, number>();
    // The screen's own thread, profiled over the measured stretch (Chrome's profile format, as --cpu-prof writes).
    const cdp = profileDir ? await page.context().newCDPSession(page) : undefined;
    if (cdp) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.start');
    }
    const started = performance.now();
    for (const [index, record] of records.entries()) {
      const due = started + index * perEventMs;
      const wait = due - performance.now();
      if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
      const event = record.event;
      const label = event?.type === 'ORDER_PLACED' && event.order ? `Ticket ${event.order.displayNumber}` : undefined;
      if (label && event) {
        sentAt.set(label, Date.now());
        labels.set(event.orderId, label);
      }
      const closing =
        event && (event.type === 'ORDER_COMPLETED' || event.type === 'ORDER_CANCELLED') ? labels.get(event.orderId) : undefined;
      if (closing) closedAt.set(closing, Date.now());
      await producer.send({
        topic: `${env}.orders`,
        acks: -1,
        messages: [{ key: record.key, value: record.value, headers: record.headers }],
      });
    }
    await producer.disconnect();
    // The last tickets get a moment to arrive; one that never does is counted as missing.
    const deadline = Date.now() + 5_000;
    let seen: Record<string, number> = {};
    while (Date.now() < deadline) {
      seen = await page.evaluate(() => (globalThis as unknown as { __seen: Record<string, number> }).__seen);
      if ([...sentAt.keys()].every((label) => seen[label] !== undefined)) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    // Only now: stopping the profiler holds the page's thread for seconds, which would delay the last tickets.
    if (cdp) {
      const { profile } = await cdp.send('Profiler.stop');
      writeFileSync(join(profileDir ?? '.', 'screen.cpuprofile'), JSON.stringify(profile));
    }
    const received = await page.evaluate(() => (globalThis as unknown as { __received: Record<string, number> }).__received);
    const latencies = [...sentAt].flatMap(([label, at]) => (seen[label] === undefined ? [] : [seen[label] - at])).sort((a, b) => a - b);
    const stage = (from: (label: string) => number | undefined, to: (label: string) => number | undefined) =>
      [...sentAt.keys()]
        .flatMap((label) => {
          const start = from(label);
          const end = to(label);
          return start === undefined || end === undefined ? [] : [end - start];
        })
        .sort((a, b) => a - b);
    const orderOf = new Map([...labels].map(([orderId, label]) => [label, orderId]));
    const stamps = readHopTrace(hopTrace);
    const stampOf = (label: string) => stamps.get(orderOf.get(label) ?? '');
    const hopStages: Record<HopName, number[]> = {
      'produce → consumer': stage(
        (label) => sentAt.get(label),
        (label) => stampOf(label)?.fetchedAt,
      ),
      'consumer → commit': stage(
        (label) => stampOf(label)?.fetchedAt,
        (label) => stampOf(label)?.committedAt,
      ),
      'commit → socket': stage(
        (label) => stampOf(label)?.committedAt,
        (label) => received[label],
      ),
      'socket → DOM': stage(
        (label) => received[label],
        (label) => seen[label],
      ),
    };
    const hops = Object.fromEntries(
      HOP_NAMES.map((name) => [name, { p50Ms: percentile(hopStages[name], 50), p99Ms: percentile(hopStages[name], 99) }]),
    ) as ScreenLatency['hops'];
    const unseen = [...sentAt].filter(([label]) => seen[label] === undefined);
    const closedBeforeShown = unseen.filter(([label, at]) => (closedAt.get(label) ?? Infinity) - at < 1_000).length;
    return {
      ordersPerSecond,
      orders: sentAt.size,
      events: records.length,
      p50Ms: percentile(latencies, 50),
      p90Ms: percentile(latencies, 90),
      p99Ms: percentile(latencies, 99),
      maxMs: latencies.at(-1) ?? NaN,
      hops,
      missing: unseen.length - closedBeforeShown,
      closedBeforeShown,
    };
  } finally {
    await browser.close();
    if (serve.exitCode === null) {
      const exited = new Promise((resolve) => serve.once('exit', resolve));
      serve.kill('SIGTERM');
      await exited;
    }
  }
}
