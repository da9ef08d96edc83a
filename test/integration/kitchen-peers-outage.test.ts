import { Kafka, logLevel } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import type { Terminal } from '../../electron/core/app/terminal';
import { dispatchRequest } from '../../electron/core/app/api-dispatch';
import type { KitchenEvent } from '../../shared/kitchen-events';
import { tempStorage } from '../support/temp-storage';
import { createTopics, testConfig, waitFor, waitForAsync } from '../support/core-harness';
import { readTopicWithKcat } from '../support/kcat';
import {
  act,
  grillAndFryOrder,
  inspectTerminal,
  kitchenEventsOf,
  produceOrders,
  snapshotOf,
  startTestTerminal,
} from '../support/kitchen-fixtures';
import { useOwnBroker } from '../support/own-broker';

// The broker is frozen and killed here, so this file has its own.
const ownBroker = useOwnBroker();

const ORDERS = 8;
const PIN = '2468';

/** What a terminal stored of an order's kitchen state: every scope's progress and the lines done. */
function kitchenView(terminal: Terminal, orderId: string): string {
  const state = inspectTerminal(terminal.config, (db) => db.kitchen.state(orderId));
  return JSON.stringify({ scopes: [...state.scopes].sort(([a], [b]) => a.localeCompare(b)), done: [...state.doneLines].sort() });
}

async function call(terminal: Terminal, name: 'peerPairingCode' | 'pairPeer', input: unknown): Promise<Record<string, unknown>> {
  const result = await dispatchRequest(terminal.api, name, input);
  if (!result.ok) throw new Error(`${name} refused: ${result.error}`);
  return result.value as Record<string, unknown>;
}

/** `from` pairs with `to` by the code `to` shows, through the app API as support would. */
async function pair(from: Terminal, to: Terminal): Promise<void> {
  const shown = await call(to, 'peerPairingCode', { pin: PIN });
  if (typeof shown.url !== 'string') throw new Error('the peer link does not listen yet');
  await call(from, 'pairPeer', { url: shown.url, code: shown.code, pin: PIN });
}

const percentile = (values: number[], p: number): number =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((values.length * p) / 100))] ?? NaN;

describe('one kitchen without the internet: screens agree over the LAN', () => {
  it(
    'broker frozen then killed: bumps on grill and fry and a recall on expo reach every screen within 1 s over the LAN; once Kafka returns the topic holds each action once and every terminal equals the topic',
    { timeout: 240_000 },
    async () => {
      const broker = ownBroker();
      const base = { diagnosticsPin: PIN, peers: { port: 0 } };
      const expoConfig = testConfig(broker.bootstrap, { ...base, terminalId: 'expo-1' });
      const grillConfig = testConfig(broker.bootstrap, { ...base, env: expoConfig.env, terminalId: 'grill-1', stations: ['grill'] });
      const fryConfig = testConfig(broker.bootstrap, { ...base, env: expoConfig.env, terminalId: 'fry-1', stations: ['fry'] });
      const kafka = new Kafka({ brokers: [broker.bootstrap], clientId: 'kitchen-peers-test', logLevel: logLevel.NOTHING });
      await createTopics(kafka, expoConfig);
      const orders = Array.from({ length: ORDERS }, (_, i) => grillAndFryOrder(`ord-${i}`));
      await produceOrders(kafka, expoConfig.topics.orders, orders);

      const [expo, grill, fry] = [expoConfig, grillConfig, fryConfig].map(startTestTerminal) as [Terminal, Terminal, Terminal];
      const kitchen = [expo, grill, fry];
      try {
        await waitForAsync('every screen to show every order', async () =>
          (await Promise.all(kitchen.map(snapshotOf))).every((snapshot) => snapshot.tickets.length === ORDERS),
        );
        await pair(grill, expo);
        await pair(fry, expo);
        await pair(fry, grill);
        await waitFor('every peer reachable', () => kitchen.every((terminal) => terminal.status().peers?.reachable === 2), 15_000);

        broker.pause();
        await waitFor('the screens to see Kafka offline', () => kitchen.every((t) => t.status().connection.state === 'offline'), 60_000);
        expect(grill.status().peers).toEqual({ paired: 2, reachable: 2 });

        const taken: string[] = [];
        const latencies: number[] = [];
        /** One cook's tap, then how long until every screen of the kitchen stores the same state for that order. */
        const tap = async (terminal: Terminal, command: { type: string; orderId?: string }): Promise<void> => {
          const at = performance.now();
          const { orderId, eventIds } = await act(terminal, command);
          taken.push(...eventIds);
          const id = orderId ?? '';
          await waitFor(
            `every screen to agree on ${id}`,
            () => new Set(kitchen.map((member) => kitchenView(member, id))).size === 1,
            5_000,
            5,
          );
          latencies.push(performance.now() - at);
        };
        for (const { orderId } of orders.slice(0, 6)) {
          await tap(grill, { type: 'BUMP', orderId });
          await tap(fry, { type: 'BUMP', orderId });
          await tap(expo, { type: 'BUMP', orderId });
        }
        await tap(expo, { type: 'RECALL_LAST' });
        await tap(grill, { type: 'START', orderId: 'ord-7' });
        await tap(fry, { type: 'START', orderId: 'ord-7' });

        // The line stays down: the broker dies while frozen.
        await broker.kill();
        await tap(grill, { type: 'BUMP', orderId: 'ord-7' });
        await tap(expo, { type: 'RECALL_LAST' });
        const p50 = percentile(latencies, 50);
        const p99 = percentile(latencies, 99);
        console.log(
          `kitchen peers: ${latencies.length} taps with Kafka down, every screen agreed after p50 ${p50.toFixed(0)} ms, p99 ${p99.toFixed(0)} ms, max ${Math.max(...latencies).toFixed(0)} ms`,
        );
        expect(p99).toBeLessThan(1_000);
        expect(kitchen.every((terminal) => terminal.status().outbox.pending > 0)).toBe(true);

        await broker.start();
        await waitFor('every outbox to drain', () => kitchen.every((terminal) => terminal.status().outbox.pending === 0), 120_000);
        const onTopic = kitchenEventsOf(await readTopicWithKcat(broker.bootstrap, expoConfig.topics.kitchenEvents)).filter((event) =>
          ['TICKET_BUMPED', 'TICKET_RECALLED', 'TICKET_STARTED'].includes(event.type),
        );
        // Each action exactly once: no peer republished another's.
        expect(onTopic.map((event) => event.eventId).sort()).toEqual([...taken].sort());

        // The oracle: the topic's events applied, in its order, to a fresh database by the kitchen model's rules.
        const oracle = tempStorage();
        try {
          oracle.transact((tx) => onTopic.forEach((event: KitchenEvent) => tx.kitchen.apply(event)));
          for (const { orderId } of orders) {
            const state = oracle.kitchen.state(orderId);
            const expected = JSON.stringify({
              scopes: [...state.scopes].sort(([a], [b]) => a.localeCompare(b)),
              done: [...state.doneLines].sort(),
            });
            for (const terminal of kitchen)
              expect(kitchenView(terminal, orderId), `${terminal.config.terminalId} ${orderId}`).toBe(expected);
          }
        } finally {
          oracle.close();
        }
      } finally {
        await Promise.all(kitchen.map((terminal) => terminal.stop()));
      }
    },
  );
});
