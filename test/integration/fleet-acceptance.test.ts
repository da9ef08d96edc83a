import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startTerminal, type Terminal } from '../../electron/core/app/terminal';
import { wouldFire, type Scrape } from '../../fleet/alerts/scrape-to-promtool';
import { resolveFleetConfig, fleetConfigSchema } from '../../fleet/fleet-config';
import { startFleetService, type FleetService } from '../../fleet/fleet-service';
import { NO_TERMINAL } from '../../fleet/fleet-state';
import { fleetViewSchema, type FleetView } from '../../shared/fleet';
import { MERCHANT_HEADER } from '../../shared/order-events';
import { createTopics, freshEnv, testConfig, waitForAsync } from '../support/core-harness';
import { testBootstrap, testKafka } from '../support/kafka';
import { grillAndFryOrder, produceOrders } from '../support/kitchen-fixtures';
import { TerminalProcess } from '../support/terminal-process';

const TOKEN = 'fleet-test-token-0123456789abcdef';

async function fetchText(service: FleetService, path: string): Promise<string> {
  const response = await fetch(`${service.url}${path}`, { headers: { authorization: `Bearer ${TOKEN}` } });
  expect(response.status).toBe(200);
  return response.text();
}

const fleetView = async (service: FleetService): Promise<FleetView> =>
  fleetViewSchema.parse(JSON.parse(await fetchText(service, '/api/fleet?limit=50')));
const statusOf = (view: FleetView, key: string) => view.terminals.find((t) => t.key === key);

describe('the fleet sees every terminal (real broker)', () => {
  it(
    'a dead-lettering, a SIGKILLed and a wrong-port terminal are each shown right within 90 s, the rules would fire for exactly those, and the killed one back an hour later resolves',
    { timeout: 300_000 },
    async () => {
      const env = freshEnv();
      const kafka = testKafka();
      const deadLettering = testConfig(testBootstrap(), { env, merchantId: 'm-dl', terminalId: 'expo', diagnosticsPin: '493817' });
      const killed = testConfig(testBootstrap(), { env, merchantId: 'm-kill', terminalId: 'grill' });
      const wrongPort = testConfig('127.0.0.1:1', { env, merchantId: 'm-wrong', terminalId: 'fry' });
      await createTopics(kafka, deadLettering, 3);
      let clockOffset = 0;
      const service = await startFleetService(
        resolveFleetConfig(
          fleetConfigSchema.parse({
            brokers: [testBootstrap()],
            env,
            port: 0,
            token: TOKEN,
            dataDir: mkdtempSync(join(tmpdir(), 'kds-fleet-')),
          }),
        ),
        { now: () => Date.now() + clockOffset, log: () => undefined },
      );
      const terminals: Terminal[] = [];
      let child: TerminalProcess | undefined;
      try {
        terminals.push(startTerminal(deadLettering, { log: () => undefined }), startTerminal(wrongPort, { log: () => undefined }));
        child = await TerminalProcess.start(killed);
        const started = child;
        await waitForAsync(
          'both reachable terminals in the fleet',
          async () => {
            const view = await fleetView(service);
            return statusOf(view, 'm-dl/expo')?.status === 'ok' && statusOf(view, 'm-kill/grill')?.health?.connection.state === 'online';
          },
          60_000,
        );

        // The faults, all at once: the killed terminal right after its record, a producer's bad record, orders for the kitchen no terminal reaches.
        const faultsAt = Date.now();
        await started.kill();
        child = undefined;
        const producer = kafka.producer();
        await producer.connect();
        await producer.send({
          topic: deadLettering.topics.orders,
          messages: [{ key: 'o-bad', value: '{"type":"ORDER_PLACED",', headers: { [MERCHANT_HEADER]: 'm-dl' } }],
        });
        await producer.disconnect();
        await produceOrders(kafka, wrongPort.topics.orders, [grillAndFryOrder('o-w1', 'm-wrong')]);

        const scrapes: Scrape[] = [];
        const view = await waitForAsync(
          'each terminal shown right',
          async () => {
            scrapes.push({ atSeconds: (Date.now() - faultsAt) / 1000, text: await fetchText(service, '/metrics') });
            const current = await fleetView(service);
            const right =
              statusOf(current, 'm-dl/expo')?.status === 'trouble' &&
              statusOf(current, 'm-kill/grill')?.status === 'silent' &&
              (statusOf(current, `m-wrong/${NO_TERMINAL}`)?.unseenOrders ?? 0) >= 1;
            return right && current;
          },
          90_000,
          2_000,
        );
        const shownAfter = (Date.now() - faultsAt) / 1000;
        console.log(`fleet: every fault shown ${shownAfter.toFixed(1)} s after it happened`);
        expect(shownAfter).toBeLessThan(90);
        expect(statusOf(view, 'm-dl/expo')?.problems).toEqual(
          expect.arrayContaining([expect.stringMatching(/^1 dead letter \(rising\), last: MALFORMED_JSON$/)]),
        );
        expect(statusOf(view, 'm-kill/grill')?.problems[0]).toMatch(/^no health for 1 min \d+ s \(last: online\)$/);
        expect(statusOf(view, `m-wrong/${NO_TERMINAL}`)).toMatchObject({ status: 'silent' });
        const metrics = scrapes.at(-1)?.text ?? '';
        expect(metrics).toContain('kds_terminal_dead_letters{merchant="m-dl",terminal="expo"} 1');
        expect(metrics).toContain('kds_terminal_silent{merchant="m-kill",terminal="grill"} 1');
        expect(metrics).toContain('kds_merchant_unseen_orders{merchant="m-wrong"} 1');
        expect(metrics).toContain('kds_merchant_orders_while_offline{merchant="m-wrong"} 1');
        expect(metrics).toContain('kds_fleet_reader_up 1');
        // What the platform's people and Prometheus see carries no PIN, path, address or order content.
        const pageText = JSON.stringify(view);
        for (const secret of ['493817', deadLettering.dataDir, '127.0.0.1:1', 'o-bad', 'o-w1', 'ORDER_PLACED",']) {
          expect(metrics).not.toContain(secret);
          expect(pageText).not.toContain(secret);
        }

        const fire = await wouldFire(scrapes, [
          { alertname: 'KdsDeadLettersRising', merchant: 'm-dl', terminal: 'expo' },
          { alertname: 'KdsTerminalSilent', merchant: 'm-kill', terminal: 'grill' },
          { alertname: 'KdsOrderUnseen', merchant: 'm-wrong' },
          { alertname: 'KdsKitchenOfflineOrdersArriving', merchant: 'm-wrong' },
        ]);
        expect(fire.output).toContain('SUCCESS');

        // An hour later the killed terminal starts again: it reports at once and its alert resolves.
        clockOffset = 3_600_000;
        const restartedAt = Date.now();
        child = await TerminalProcess.start(killed);
        await waitForAsync(
          'the restarted terminal back in the fleet',
          async () => statusOf(await fleetView(service), 'm-kill/grill')?.status === 'ok',
          30_000,
          250,
        );
        const reportedAfter = (Date.now() - restartedAt) / 1000;
        // The service's clock jumped an hour: the running terminal looks silent until its next record (every 30 s).
        await waitForAsync(
          'the running terminal heard again',
          async () => statusOf(await fleetView(service), 'm-dl/expo')?.status !== 'silent',
          45_000,
          500,
        );
        console.log(`fleet: a terminal back after an hour reported ${reportedAfter.toFixed(1)} s after its start`);
        expect(reportedAfter).toBeLessThan(15);
        const after = await fetchText(service, '/metrics');
        expect(after).not.toContain('terminal="grill"');
        // An hour on, the dead letters are old news; the kitchen nobody reaches is not.
        const resolved = await wouldFire(
          [...scrapes, { atSeconds: (Date.now() - faultsAt) / 1000 + 3600, text: after }],
          [
            { alertname: 'KdsOrderUnseen', merchant: 'm-wrong' },
            { alertname: 'KdsKitchenOfflineOrdersArriving', merchant: 'm-wrong' },
          ],
          1,
        );
        expect(resolved.output).toContain('SUCCESS');
      } finally {
        await child?.kill().catch(() => undefined);
        await Promise.all(terminals.map((t) => t.stop()));
        await service.stop();
      }
    },
  );
});
