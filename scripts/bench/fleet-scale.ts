/**
 * The fleet service at scale (SCALE.md "Fleet"): N simulated terminals' health records on a fresh
 * compacted topic, the real service (`fleet/main.ts`) in its own process, and its figures — time to
 * rebuild the fleet, RSS, CPU while every terminal reports every 30 s, and the /metrics scrape's
 * size, series count and time. Usage: tsx scripts/bench/fleet-scale.ts --bootstrap host:port [--terminals 50000]
 */
import { spawn } from 'node:child_process';
import { readFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Kafka, logLevel } from 'kafkajs';
import { z } from 'zod';
import { fleetViewSchema } from '../../shared/fleet';
import { HEALTH_INTERVAL_MS, healthKey, type TerminalHealth } from '../../shared/terminal-health';

const { values } = parseArgs({ options: { bootstrap: { type: 'string' }, terminals: { type: 'string', default: '50000' } } });
const bootstrap = z
  .string()
  .min(3)
  .parse(values.bootstrap ?? process.env.KDS_TEST_BOOTSTRAP, { error: () => '--bootstrap host:port is required' });
const terminals = z.coerce.number().int().min(10).max(200_000).parse(values.terminals);
const env = `fleetscale${Date.now().toString(36)}`;
const topic = `${env}.kds-terminal-health`;
const token = 'fleet-scale-token-0123456789abcdef';
const PORT = 17_070;

/** A fleet like a real one: most terminals fine, some lagging, a few dead-lettering, offline or stopped. */
function record(i: number, at: number): TerminalHealth {
  const since = new Date(at - 3600_000).toISOString();
  const kind = i % 100;
  const lag = kind < 5 ? 10 + (i % 500) : 0;
  return {
    merchantId: `m-${Math.floor(i / 2)}`,
    terminalId: i % 2 === 0 ? 'expo' : 'grill',
    version: '0.1.0',
    mode: 'routed',
    state: kind === 99 ? 'stopped' : 'running',
    at: new Date(at).toISOString(),
    connection: { state: kind === 97 || kind === 98 ? 'offline' : 'online', since },
    consumer: { state: 'running', since },
    lag: { total: lag, partitions: [{ partition: i % 24, lag }] },
    oldestUnappliedSeconds: null,
    outbox: { pending: kind === 97 ? 4 : 0, oldestAt: kind === 97 ? since : null },
    retryDepth: 0,
    parked: 0,
    deadLetters: { count: kind === 5 || kind === 6 ? 3 : 0, lastReason: kind === 5 || kind === 6 ? 'SCHEMA' : null },
    openNotices: 0,
    largestClockSkewMs: 120,
    faults: [],
    lastTicketShownAt: new Date(at - 60_000).toISOString(),
    screensPaired: 2,
  };
}

const kafka = new Kafka({ clientId: 'fleet-scale', brokers: [bootstrap], logLevel: logLevel.NOTHING });

async function publishAll(at: number, skip: (i: number) => boolean = () => false): Promise<number> {
  const producer = kafka.producer();
  await producer.connect();
  let bytes = 0;
  for (let start = 0; start < terminals; start += 2_000) {
    const messages = [];
    for (let i = start; i < Math.min(terminals, start + 2_000); i++) {
      if (skip(i)) continue;
      const health = record(i, at);
      const value = JSON.stringify(health);
      bytes += value.length;
      messages.push({ key: healthKey(health.merchantId, health.terminalId), value, headers: { 'merchant-id': health.merchantId } });
    }
    await producer.send({ topic, messages, acks: -1 });
  }
  await producer.disconnect();
  return bytes;
}

function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return (Number(fields[11]) + Number(fields[12])) / 100;
}
const rssMb = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
const peakMb = (pid: number) => Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;

async function get(path: string): Promise<{ text: string; ms: number }> {
  const started = performance.now();
  const response = await fetch(`http://127.0.0.1:${PORT}${path}`, { headers: { authorization: `Bearer ${token}` } });
  const text = await response.text();
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  return { text, ms: performance.now() - started };
}

async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

async function main(): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({
    waitForLeaders: true,
    topics: [{ topic, numPartitions: 12, configEntries: [{ name: 'cleanup.policy', value: 'compact' }] }],
  });
  await admin.disconnect();
  const producedAt = Date.now();
  const bytes = await publishAll(producedAt);
  console.log(
    `[fleet-scale] ${terminals} health records on ${topic}: ${(bytes / 1e6).toFixed(1)} MB, produced in ${((Date.now() - producedAt) / 1000).toFixed(1)} s`,
  );

  const child = spawn(process.execPath, ['--import', 'tsx', 'fleet/main.ts'], {
    env: {
      ...process.env,
      KDS_FLEET_BROKERS: bootstrap,
      KDS_FLEET_ENV: env,
      KDS_FLEET_PORT: String(PORT),
      KDS_FLEET_TOKEN: token,
      KDS_FLEET_DATA: mkdtempSync(join(tmpdir(), 'kds-fleet-')),
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const pid = child.pid ?? 0;
  child.once('exit', (code) => {
    if (code !== null && code !== 0) {
      console.error(`[fleet-scale] the fleet service exited with ${code}`);
      process.exit(1);
    }
  });
  try {
    const started = Date.now();
    await waitFor(
      'the fleet rebuilt',
      async () => {
        const view = fleetViewSchema.parse(JSON.parse((await get('/api/fleet?limit=1')).text));
        return view.totals.terminals >= terminals ? view : undefined;
      },
      600_000,
    );
    const rebuiltS = (Date.now() - started) / 1000;
    console.log(`[fleet-scale] fleet rebuilt from the compacted topic in ${rebuiltS.toFixed(1)} s; RSS ${rssMb(pid).toFixed(0)} MB`);

    // Steady state: every terminal but 2 % reports every 30 s, as a real fleet does; those 2 % go silent (75 s).
    const cpuBefore = cpuSeconds(pid);
    const windowStart = Date.now();
    const silentEvery = 50;
    for (let round = 1; round <= 3; round++) {
      await publishAll(Date.now(), (i) => i % silentEvery === 0);
      const next = windowStart + round * HEALTH_INTERVAL_MS;
      if (Date.now() < next) await new Promise((resolve) => setTimeout(resolve, next - Date.now()));
    }
    const cpuSteady = ((cpuSeconds(pid) - cpuBefore) / ((Date.now() - windowStart) / 1000)) * 100;
    console.log(
      `[fleet-scale] steady state (${terminals} terminals reporting every 30 s, 90 s): CPU ${cpuSteady.toFixed(1)} % of one core; RSS ${rssMb(pid).toFixed(0)} MB`,
    );
    const scrapes = [];
    for (let i = 0; i < 3; i++) scrapes.push(await get('/metrics'));
    const scrape = scrapes.at(-1) ?? { text: '', ms: 0 };
    const series = scrape.text.split('\n').filter((line) => line !== '' && !line.startsWith('#'));
    const perTerminal = series.filter((line) => line.startsWith('kds_terminal_')).length;
    const view = fleetViewSchema.parse(JSON.parse((await get('/api/fleet?limit=200')).text));
    const page = await get('/api/fleet?limit=200');
    console.log(
      `[fleet-scale] ${terminals} terminals: ${JSON.stringify(view.totals.byStatus)}; /metrics ${(Buffer.byteLength(scrape.text) / 1024).toFixed(0)} KiB, ${series.length} series (${perTerminal} per-terminal), scrape ${Math.min(...scrapes.map((s) => s.ms)).toFixed(0)}–${Math.max(...scrapes.map((s) => s.ms)).toFixed(0)} ms; /api/fleet (200 worst) ${page.ms.toFixed(0)} ms, ${(Buffer.byteLength(page.text) / 1024).toFixed(0)} KiB`,
    );
    console.log(`[fleet-scale] RSS now ${rssMb(pid).toFixed(0)} MB, peak ${peakMb(pid).toFixed(0)} MB`);
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
  }
}

await main();
