import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { dispatchRequest } from '../../electron/core/app/api-dispatch';
import type { ActionOutcome, RequestName, Result, TicketSnapshot } from '../../shared/app-api';
import type { KdsConfig } from '../../shared/config';
import type { CoreStatus } from '../../shared/core-status';
import type { KitchenEvent } from '../../shared/kitchen-events';
import { createTopics, testConfig, waitFor, waitForAsync } from '../support/core-harness';
import { freePort } from '../support/free-port';
import { readTopicWithKcat } from '../support/kcat';
import { grillAndFryOrder, inspectTerminal, kitchenEventsOf, produceOrders, startTestTerminal } from '../support/kitchen-fixtures';
import { useOwnBroker } from '../support/own-broker';
import { tempStorage } from '../support/temp-storage';
import { TerminalProcess } from '../support/terminal-process';

// The broker is frozen and killed here, so this file has its own.
const ownBroker = useOwnBroker();

const ORDERS = 8;
const PIN = '2468';
const DAY_MS = 24 * 3600_000;

/** A kitchen screen as the test drives it: in this process, or in its own (so it can be SIGKILLed). */
interface Screen {
  readonly config: KdsConfig;
  call(name: RequestName, input?: unknown): Promise<Result<unknown>>;
}

async function value<T>(screen: Screen, name: RequestName, input?: unknown): Promise<T> {
  const result = await screen.call(name, input);
  if (!result.ok) throw new Error(`${screen.config.terminalId}: ${name} refused: ${result.error}`);
  return result.value as T;
}

const inProcess = (config: KdsConfig) => {
  const terminal = startTestTerminal(config);
  return { config, call: (name: RequestName, input?: unknown) => dispatchRequest(terminal.api, name, input), stop: () => terminal.stop() };
};

/** What a terminal stored of an order's kitchen state: every scope's progress and the lines done. */
function kitchenView(config: KdsConfig, orderId: string): string {
  const state = inspectTerminal(config, (db) => db.kitchen.state(orderId));
  return JSON.stringify({ scopes: [...state.scopes].sort(([a], [b]) => a.localeCompare(b)), done: [...state.doneLines].sort() });
}

/** The orders a terminal would show (open, and voids of the last day), from its database. */
const onScreen = (config: KdsConfig): string[] =>
  inspectTerminal(config, (db) => db.orders.onScreenIds(new Date(Date.now() - DAY_MS).toISOString())).sort();

/** `from` pairs with `to` by the code `to` shows, through the app API as support would. */
async function pair(from: Screen, to: Screen): Promise<void> {
  const shown = await value<{ code: string; url: string | null }>(to, 'peerPairingCode', { pin: PIN });
  await value(from, 'pairPeer', { url: shown.url, code: shown.code, pin: PIN });
}

const percentile = (values: number[], p: number): number =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((values.length * p) / 100))] ?? NaN;

describe('one kitchen without the internet: screens agree over the LAN', () => {
  it(
    'broker frozen then killed: taps on grill, fry and expo reach every screen within 1 s over the LAN; fry SIGKILLed and restarted with an emptied database gets every open order and what cooks did from its peers; with Kafka back the topic holds each action once and every terminal equals the topic',
    { timeout: 300_000 },
    async () => {
      const broker = ownBroker();
      const base = { diagnosticsPin: PIN, peers: { port: 0 } };
      const expoConfig = testConfig(broker.bootstrap, { ...base, terminalId: 'expo-1' });
      const grillConfig = testConfig(broker.bootstrap, { ...base, env: expoConfig.env, terminalId: 'grill-1', stations: ['grill'] });
      // Fry restarts on the address its peers paired with.
      const fryPeers = { port: await freePort() };
      const fryConfig = testConfig(broker.bootstrap, {
        ...base,
        peers: fryPeers,
        env: expoConfig.env,
        terminalId: 'fry-1',
        stations: ['fry'],
      });
      const kafka = new Kafka({ brokers: [broker.bootstrap], clientId: 'kitchen-peers-test', logLevel: logLevel.NOTHING });
      await createTopics(kafka, expoConfig);
      const orders = Array.from({ length: ORDERS }, (_, i) => grillAndFryOrder(`ord-${i}`));
      await produceOrders(kafka, expoConfig.topics.orders, orders);

      const expo = inProcess(expoConfig);
      const grill = inProcess(grillConfig);
      let fryProcess = await TerminalProcess.start(fryConfig);
      const fry: Screen = { config: fryConfig, call: (name, input) => fryProcess.call(name, input) };
      const kitchen: Screen[] = [expo, grill, fry];
      const statuses = () => Promise.all(kitchen.map((screen) => value<CoreStatus>(screen, 'status')));
      try {
        await waitForAsync('every screen to show every order', async () =>
          (await Promise.all(kitchen.map((screen) => value<TicketSnapshot>(screen, 'snapshot')))).every(
            (snapshot) => snapshot.tickets.length === ORDERS,
          ),
        );
        const taken: string[] = [];
        const latencies: number[] = [];
        /** One cook's tap, then how long until every terminal of the kitchen stores the same state for that order. */
        const tap = async (screen: Screen, command: { type: string; orderId?: string }, into = latencies): Promise<void> => {
          const at = performance.now();
          const { orderId: acted, eventIds } = await value<ActionOutcome>(screen, 'execute', command);
          const orderId = acted ?? '';
          taken.push(...eventIds);
          await waitFor(
            `every screen to agree on ${orderId}`,
            () => new Set(kitchen.map((member) => kitchenView(member.config, orderId))).size === 1,
            5_000,
            5,
          );
          into.push(performance.now() - at);
        };
        // Before pairing, with Kafka up: the screens agree only through the kitchen-events topic.
        const throughKafka: number[] = [];
        for (const [screen, type] of [
          [grill, 'START'],
          [fry, 'START'],
          [grill, 'BUMP'],
          [fry, 'BUMP'],
        ] as const)
          await tap(screen, { type, orderId: 'ord-5' }, throughKafka);

        await pair(grill, expo);
        await pair(fry, expo);
        await pair(fry, grill);
        await waitForAsync('every peer reachable', async () => (await statuses()).every((status) => status.peers?.reachable === 2), 15_000);

        broker.pause();
        await waitForAsync(
          'the screens to see Kafka offline',
          async () => (await statuses()).every((status) => status.connection.state === 'offline'),
          60_000,
        );
        expect((await value<CoreStatus>(grill, 'status')).peers).toEqual({ paired: 2, reachable: 2 });

        for (const { orderId } of orders.slice(0, 5)) {
          await tap(grill, { type: 'BUMP', orderId });
          await tap(fry, { type: 'BUMP', orderId });
          await tap(expo, { type: 'BUMP', orderId });
        }
        await tap(expo, { type: 'RECALL_LAST' });
        await tap(grill, { type: 'START', orderId: 'ord-6' });
        await tap(fry, { type: 'START', orderId: 'ord-6' });

        // The line stays down: the broker dies while frozen.
        await broker.kill();
        await tap(grill, { type: 'BUMP', orderId: 'ord-6' });
        await tap(expo, { type: 'RECALL_LAST' });

        // Fry's PC dies and comes back with an emptied database, Kafka still away.
        await fryProcess.kill();
        for (const file of ['kds.db', 'kds.db-wal', 'kds.db-shm']) rmSync(join(fryConfig.dataDir, file), { force: true });
        const restartedAt = performance.now();
        fryProcess = await TerminalProcess.start(fryConfig);
        const expected = onScreen(expoConfig);
        await waitFor(
          'fry to have every open order again',
          () => JSON.stringify(onScreen(fryConfig)) === JSON.stringify(expected),
          30_000,
          20,
        );
        await waitFor(
          'fry to agree with its peers on every order',
          () => orders.every(({ orderId }) => kitchenView(fryConfig, orderId) === kitchenView(expoConfig, orderId)),
          30_000,
          20,
        );
        const restored = performance.now() - restartedAt;
        const frySnapshot = await value<TicketSnapshot>(fry, 'snapshot');
        expect(frySnapshot.tickets.length).toBeGreaterThan(0);
        // After its restart fry's taps reach its peers as before.
        await tap(fry, { type: 'BUMP', orderId: 'ord-6' });
        await tap(grill, { type: 'BUMP', orderId: 'ord-7' });

        const p50 = percentile(latencies, 50);
        const p99 = percentile(latencies, 99);
        console.log(
          `kitchen peers: ${throughKafka.length} taps through Kafka alone (no peers) agreed after p50 ${percentile(throughKafka, 50).toFixed(0)} ms, max ${Math.max(...throughKafka).toFixed(0)} ms; ${latencies.length} taps with Kafka down, every terminal agreed after p50 ${p50.toFixed(0)} ms, p99 ${p99.toFixed(0)} ms, max ${Math.max(...latencies).toFixed(0)} ms; fry restarted empty had ${expected.length} orders and the kitchen's state back ${restored.toFixed(0)} ms after its start`,
        );
        expect(p99).toBeLessThan(1_000);

        await broker.start();
        await waitForAsync('every outbox to drain', async () => (await statuses()).every((status) => status.outbox.pending === 0), 120_000);
        const cookTypes = ['TICKET_BUMPED', 'TICKET_RECALLED', 'TICKET_STARTED'];
        const onTopic = kitchenEventsOf(await readTopicWithKcat(broker.bootstrap, expoConfig.topics.kitchenEvents)).filter((event) =>
          cookTypes.includes(event.type),
        );
        // Each action exactly once — fry's actions from before its crash too, given back by its peers.
        expect(onTopic.map((event) => event.eventId).sort()).toEqual([...taken].sort());

        // The oracle: the topic's events applied, in its order, to a fresh database by the kitchen model's rules.
        const oracle = tempStorage();
        try {
          oracle.transact((tx) => onTopic.forEach((event: KitchenEvent) => tx.kitchen.apply(event)));
          await waitFor(
            'every terminal to equal the oracle',
            () =>
              orders.every(({ orderId }) => {
                const state = oracle.kitchen.state(orderId);
                const expectedView = JSON.stringify({
                  scopes: [...state.scopes].sort(([a], [b]) => a.localeCompare(b)),
                  done: [...state.doneLines].sort(),
                });
                return kitchen.every((member) => kitchenView(member.config, orderId) === expectedView);
              }),
            30_000,
          );
        } finally {
          oracle.close();
        }
      } finally {
        await Promise.all([expo.stop(), grill.stop(), fryProcess.kill()]);
      }
    },
  );
});
