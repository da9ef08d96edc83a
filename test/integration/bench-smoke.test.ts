import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runBench, writeResults } from '../../scripts/bench/bench';
import { table } from '../../scripts/bench/report';
import { testBootstrap } from '../support/kafka';

/** `npm run bench` in seconds, so that its scripts cannot rot: every scenario runs and yields figures. */
describe('the benchmark, smoke-sized', () => {
  it('runs every scenario against the broker and writes its table, JSON and chart', async () => {
    const result = await runBench(testBootstrap(), 'smoke');
    expect(result.rows.map((row) => row.figure)).toEqual([
      expect.stringMatching(/^baseline check, own merchant only: @platformatic\/kafka/),
      expect.stringMatching(/^catch-up, own merchant only/),
      expect.stringMatching(/^durable floor, own merchant/),
      expect.stringMatching(/^catch-up in Avro, own merchant only/),
      expect.stringMatching(/^baseline check, one merchant among 50: @platformatic\/kafka/),
      expect.stringMatching(/^catch-up, one merchant among 50/),
      expect.stringMatching(/^catch-up, routed mode: one merchant among 10 on its partition/),
      'UI thread event-loop delay p99 while draining',
      'peak RSS while catching up',
      expect.stringMatching(/^produce → DOM p50/),
      expect.stringMatching(/^produce → DOM p99/),
      'produce → DOM by hop, p50 / p99',
      expect.stringMatching(/^cold start to first snapshot/),
      'idle terminal CPU',
    ]);
    for (const row of result.rows) expect(Number.isFinite(row.value), row.figure).toBe(true);
    const floor = result.raw.floor as { events: number; ordersWritten: number; microsPerEvent: Record<string, number> };
    // The floor's writes were really taken (timings alone compare noisily at smoke size: a cold JIT
    // once made parsing dearer than parsing and writing).
    expect(floor.ordersWritten).toBeGreaterThan(0);
    expect(floor.ordersWritten).toBeLessThanOrEqual(floor.events);
    for (const [step, micros] of Object.entries(floor.microsPerEvent)) expect(micros, step).toBeGreaterThan(0);
    const avro = result.raw.avro as { decodeMicrosPerEvent: { avro: number; json: number } };
    expect(avro.decodeMicrosPerEvent.avro).toBeGreaterThan(0);
    const latency = result.raw.latency as { missing: number; orders: number; hops: Record<string, { p50Ms: number }> };
    expect(latency.orders).toBeGreaterThan(0);
    // Every hop was traced: the core's stamps reached the scenario for the placed orders.
    expect(Object.keys(latency.hops)).toEqual(['produce → consumer', 'consumer → commit', 'commit → socket', 'socket → DOM']);
    for (const [hop, { p50Ms }] of Object.entries(latency.hops)) expect(p50Ms, hop).toBeGreaterThanOrEqual(0);
    expect(latency.missing).toBe(0);
    const dir = mkdtempSync(join(tmpdir(), 'kds-bench-'));
    writeResults(result, dir);
    expect(JSON.parse(readFileSync(join(dir, 'latest.json'), 'utf8'))).toMatchObject({ size: 'smoke' });
    expect(readFileSync(join(dir, 'latest.svg'), 'utf8')).toContain('<svg');
    expect(existsSync(join(dir, 'latest.svg'))).toBe(true);
    expect(table(result.rows).split('\n')).toHaveLength(result.rows.length + 2);
  }, 240_000);
});
