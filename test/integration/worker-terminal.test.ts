import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { afterEach, describe, expect, it } from 'vitest';
import { WorkerTerminal } from '../../electron/core/app/worker-terminal';
import { WebHost } from '../../electron/core/host/web-host';
import { createTerminalTopics } from '../../scripts/kafka/create-topics';
import type { TicketDelta } from '../../shared/app-api';
import { simulateStream } from '../../scripts/simulator/order-simulator';
import { produceRecords } from '../../scripts/simulator/produce';
import { freshEnv, waitFor, waitForAsync } from '../support/core-harness';
import { testBootstrap, testKafka } from '../support/kafka';
import { grillAndFryOrder, produceOrders } from '../support/kitchen-fixtures';
import { TEST_WORKER, terminalFolder } from '../support/terminal-folder';
import { cookieOf, httpFrom, ScreenSocket, tryCode } from '../support/web-host-clients';

const running: WorkerTerminal[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((terminal) => terminal.stop()));
});

async function workerTerminal(config: object): Promise<{ terminal: WorkerTerminal; dir: string; logs: string[] }> {
  const { dir, configFile, newConfigDefaults } = terminalFolder('kds-worker', config);
  const logs: string[] = [];
  const terminal = await WorkerTerminal.start({
    configFile,
    newConfigDefaults,
    ...TEST_WORKER,
    log: (level, message) => void logs.push(`${level} ${message}`),
    coalesceMs: 20,
  });
  running.push(terminal);
  return { terminal, dir, logs };
}

describe('the core in a worker thread, behind the app API', () => {
  it('serves tickets, commands and settings from its thread; screen access stays on the host thread', async () => {
    const env = freshEnv();
    await createTerminalTopics(testKafka(), env, { orders: 1, kitchenEvents: 1 });
    const { terminal } = await workerTerminal({ env, merchantId: 'm-1', terminalId: 'expo-1', kafka: { brokers: [testBootstrap()] } });
    expect(terminal.config).toMatchObject({ env, terminalId: 'expo-1' });
    expect(terminal.notRunning).toBeNull();
    const deltas: TicketDelta[] = [];
    terminal.api.on('delta', (delta) => deltas.push(delta));

    await produceOrders(testKafka(), `${env}.orders`, [grillAndFryOrder('ord-w1')]);
    await waitFor('the ticket pushed from the worker', () => deltas.some((delta) => delta.upserts.some((t) => t.orderId === 'ord-w1')));
    const bumped = await terminal.api.execute({ type: 'BUMP', orderId: 'ord-w1' });
    expect(bumped.ok).toBe(true);
    const snapshot = await terminal.api.snapshot(undefined);
    expect(snapshot.ok && snapshot.value.tickets).toEqual([]);

    // Pairing and rotation use the host's screen access; rotation asks the core for the PIN.
    const access = terminal.access;
    if (!access) throw new Error('no screen access on the host');
    const pairing = await terminal.api.pairScreen({});
    expect(pairing.ok && access.redeem(pairing.value.code).ok).toBe(true);
    const before = access.bearerToken();
    expect(await terminal.api.rotateScreenAccess({ pin: '0000' })).toEqual({ ok: false, error: 'wrong PIN' });
    expect(access.bearerToken()).toBe(before);
    expect((await terminal.api.rotateScreenAccess({ pin: '4711' })).ok).toBe(true);
    expect(access.bearerToken()).not.toBe(before);

    const settings = await terminal.api.settings({ pin: '4711' });
    expect(settings.ok && settings.value.settings?.terminalId).toBe('expo-1');
  });

  // What this measures is the host thread's own delay against an absolute bound. The comparison
  // with a core on the same thread is BENCHMARKS.md's (npm run bench, each side in its own process):
  // measured here, beside a broker on two shared cores, a same-thread core's p99 varied too much from
  // run to run to compare against.
  it('a draining backlog leaves the host thread free: its event-loop delay p99 stays under 20 ms', async () => {
    const env = freshEnv();
    await createTerminalTopics(testKafka(), env, { orders: 3, kitchenEvents: 1 });
    const records = simulateStream({ merchants: ['m-1'], ordersPerMerchant: 1_500, seed: 5 });
    await produceRecords(testKafka(), `${env}.orders`, records, { batchSize: 1000 });
    const delay = monitorEventLoopDelay({ resolution: 5 });
    delay.enable();
    const { terminal } = await workerTerminal({
      env,
      merchantId: 'm-1',
      terminalId: 'drain-1',
      kafka: { brokers: [testBootstrap()] },
      startFromMinutes: 60 * 24,
    });
    const consumed = async () => {
      const status = await terminal.api.status(undefined);
      return status.ok ? status.value.lag.reduce((sum, p) => sum + Number(p.nextOffset ?? 0), 0) : 0;
    };
    const deadline = Date.now() + 60_000;
    while ((await consumed()) < records.length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    delay.disable();
    expect(await consumed()).toBe(records.length);
    const p99 = delay.percentile(99) / 1e6;
    console.log(
      `worker drain: ${records.length} records; host thread event-loop delay p99 ${p99.toFixed(1)} ms, max ${(delay.max / 1e6).toFixed(1)} ms`,
    );
    // The target is 10 ms (npm run bench measures it); a shared CI machine gets some slack, not the in-thread 40 ms.
    expect(p99).toBeLessThan(20);
  });

  it("a newly added operation (kitchenLoad) answers through the worker and through a web host's WebSocket and HTTP in front of it, as serve runs them", async () => {
    const env = freshEnv();
    await createTerminalTopics(testKafka(), env, { orders: 1, kitchenEvents: 1 });
    const { terminal } = await workerTerminal({ env, merchantId: 'm-1', terminalId: 'expo-2', kafka: { brokers: [testBootstrap()] } });
    const access = terminal.access;
    if (!access) throw new Error('no screen access on the host');
    const host = new WebHost(terminal.api, {
      host: '127.0.0.1',
      port: 0,
      access,
      rendererDir: resolve('dist/renderer'),
      log: () => undefined,
    });
    const url = await host.start();
    try {
      await produceOrders(testKafka(), `${env}.orders`, [grillAndFryOrder('ord-load')]);
      const loaded = { station: 'grill', openTickets: 1, openItems: 1, remainingCookSeconds: 0, itemsWithoutCookTime: 1 };
      // Through the worker: the host thread forwards it from the table, the core answers from its store.
      await waitForAsync('the order in the kitchen load', async () => {
        const load = await terminal.api.kitchenLoad(undefined);
        return load.ok && load.value.stations.some((station) => station.station === 'grill' && station.openTickets === 1);
      });
      expect(await terminal.api.kitchenLoad(undefined)).toMatchObject({ ok: true, value: { stations: [{ station: 'fry' }, loaded] } });

      // Through a paired screen's WebSocket, validated at the web host and run in the worker.
      const pairing = await terminal.api.pairScreen({});
      if (!pairing.ok) throw new Error(pairing.error);
      const screen = await ScreenSocket.opened(url, { cookie: cookieOf(await tryCode(url, pairing.value.code)) });
      expect(await screen.request('kitchenLoad')).toMatchObject({ ok: true, value: { stations: [{ station: 'fry' }, loaded] } });
      expect(await screen.request('kitchenLoad', { unexpected: true })).toMatchObject({
        ok: false,
        error: expect.stringContaining('kitchenLoad'),
      });
      expect((await screen.request('execute', { type: 'BUMP', orderId: 'ord-load' })).ok).toBe(true);
      expect(await screen.request('kitchenLoad')).toMatchObject({ ok: true, value: { stations: [] } });
      screen.close();

      // And as GET /api/kitchenLoad (an operation without input), for the owner's tools.
      const answer = await httpFrom(url, { path: '/api/kitchenLoad', headers: { authorization: `Bearer ${access.bearerToken()}` } });
      expect(answer.status).toBe(200);
      expect(JSON.parse(answer.body)).toMatchObject({ stations: [] });
    } finally {
      await host.stop();
    }
  });

  it('a terminal without configuration waits in setup in its worker; pairing waits for a configuration', async () => {
    const { configFile, newConfigDefaults } = terminalFolder('kds-worker-setup');
    const terminal = await WorkerTerminal.start({ configFile, newConfigDefaults, ...TEST_WORKER, log: () => undefined });
    running.push(terminal);
    expect(terminal.config).toBeNull();
    expect(terminal.notRunning).toMatch(/complete the setup screen/);
    expect(terminal.access).toBeUndefined();
    expect((await terminal.api.pairScreen({})).ok).toBe(false);
  });

  it('a core thread that dies before it starts fails the start with its reason (instead of a host waiting forever)', async () => {
    const { dir, configFile, newConfigDefaults } = terminalFolder('kds-worker-broken');
    writeFileSync(join(dir, 'broken-worker.mjs'), "throw new Error('better-sqlite3 was built for another Node');\n");
    await expect(
      WorkerTerminal.start({
        configFile,
        newConfigDefaults,
        workerScript: join(dir, 'broken-worker.mjs'),
        log: () => undefined,
      }),
    ).rejects.toThrow('better-sqlite3 was built for another Node');
  });
});
