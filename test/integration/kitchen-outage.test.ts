import { Kafka, logLevel } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { useOwnBroker } from '../support/own-broker';
import type { Terminal } from '../../electron/core/app/terminal';
import { createTopics, testConfig, waitFor, waitForAsync } from '../support/core-harness';
import { readTopicWithKcat } from '../support/kcat';
import {
  act,
  grillAndFryOrder,
  inspectTerminal,
  kitchenEventsOf,
  produceOrders,
  sequencesByTerminalAndOrder,
  snapshotOf,
  startTestTerminal,
} from '../support/kitchen-fixtures';

// The broker is stopped and restarted here, so this file has its own.
const ownBroker = useOwnBroker();

const OUTAGE_MS = 30_000;
const ORDERS = 8;

describe('kitchen actions through a broker outage', () => {
  it(
    'actions taken on grill and expo while the broker is down for 30 s reach the topic exactly once, in order per order',
    { timeout: 240_000 },
    async () => {
      const broker = ownBroker();
      const grillConfig = testConfig(broker.bootstrap, { terminalId: 'grill-1', stations: ['grill'] });
      const expoConfig = testConfig(broker.bootstrap, { env: grillConfig.env, terminalId: 'expo-1' });
      const kafka = new Kafka({ brokers: [broker.bootstrap], clientId: 'kitchen-outage-test', logLevel: logLevel.NOTHING });
      await createTopics(kafka, grillConfig);
      const orders = Array.from({ length: ORDERS }, (_, i) => grillAndFryOrder(`ord-${i}`));
      await produceOrders(kafka, grillConfig.topics.orders, orders);

      const grill = startTestTerminal(grillConfig);
      const expo = startTestTerminal(expoConfig);
      const taken: { terminal: string; orderId: string; eventIds: string[] }[] = [];
      const take = async (terminal: Terminal, command: { type: string; orderId?: string; lineId?: string }): Promise<string> => {
        const { orderId, eventIds } = await act(terminal, command);
        expect(eventIds).toHaveLength(1);
        taken.push({ terminal: terminal.config.terminalId, orderId: orderId ?? '', eventIds });
        return orderId ?? '';
      };
      try {
        await waitForAsync('both screens to show every order', async () => {
          const snapshots = await Promise.all([grill, expo].map(snapshotOf));
          return snapshots.every((snapshot) => snapshot.tickets.length === ORDERS);
        });
        await broker.stop();
        const downAt = Date.now();

        // Over the outage both screens keep working: start, strike lines, bump, recall, bump again.
        const steps: (() => Promise<string>)[] = [];
        for (const { orderId } of orders) {
          steps.push(() => take(grill, { type: 'START', orderId }));
          steps.push(() => take(expo, { type: 'ITEM_DONE', orderId, lineId: 'l2' }));
          steps.push(() => take(grill, { type: 'ITEM_DONE', orderId, lineId: 'l1' }));
          steps.push(() => take(grill, { type: 'BUMP', orderId }));
        }
        let recalled = '';
        steps.push(async () => (recalled = await take(grill, { type: 'RECALL_LAST' })));
        steps.push(() => take(grill, { type: 'BUMP', orderId: recalled }));
        steps.push(() => take(expo, { type: 'ITEM_UNDONE', orderId: 'ord-1', lineId: 'l2' }));
        const spacing = (OUTAGE_MS - 2_000) / steps.length;
        for (const step of steps) {
          await step();
          await new Promise((resolve) => setTimeout(resolve, spacing));
        }
        const pending = grill.status().outbox.pending;
        expect(pending).toBeGreaterThan(0);
        expect((await snapshotOf(grill)).tickets).toEqual([]);
        await new Promise((resolve) => setTimeout(resolve, Math.max(0, OUTAGE_MS - (Date.now() - downAt))));
        console.log(`kitchen outage: broker down ${Date.now() - downAt} ms; ${pending} grill actions waiting`);

        await broker.start();
        const upAt = Date.now();
        await waitFor('both outboxes to drain', () => [grill, expo].every((t) => t.status().outbox.pending === 0), 90_000);
        const drained = Date.now() - upAt;
        // Each screen reads the other's actions: both end in the same kitchen state.
        await waitFor(
          'the screens to agree',
          () => orders.every(({ orderId }) => JSON.stringify(view(grill, orderId)) === JSON.stringify(view(expo, orderId))),
          30_000,
        );
        console.log(`kitchen outage: outboxes drained ${drained} ms after the broker returned; screens agree`);

        const onTopic = kitchenEventsOf(await readTopicWithKcat(broker.bootstrap, grillConfig.topics.kitchenEvents));
        const takenIds = taken.flatMap((action) => action.eventIds);
        expect(takenIds).toHaveLength(steps.length);
        expect(onTopic.map((event) => event.eventId).sort()).toEqual([...takenIds].sort());
        const expected = new Map<string, string[]>();
        for (const action of taken) {
          const key = `${action.terminal}/${action.orderId}`;
          expected.set(key, [...(expected.get(key) ?? []), ...action.eventIds]);
        }
        expect(sequencesByTerminalAndOrder(onTopic)).toEqual(expected);

        // Each terminal's own events came back to it and changed nothing.
        const echoes = (terminal: Terminal) => terminal.status().counters['kitchen.unchanged'] ?? 0;
        const takenBy = (terminalId: string) => taken.filter((action) => action.terminal === terminalId).length;
        expect(echoes(grill)).toBeGreaterThanOrEqual(takenBy('grill-1'));
        expect(echoes(expo)).toBeGreaterThanOrEqual(takenBy('expo-1'));

        const expoTickets = (await snapshotOf(expo)).tickets;
        expect(expoTickets).toHaveLength(ORDERS);
        for (const ticket of expoTickets) expect(ticket.stations.find((s) => s.station === 'grill')?.state, ticket.orderId).toBe('BUMPED');
      } finally {
        await Promise.all([grill.stop(), expo.stop()]);
      }
    },
  );
});

function view(terminal: Terminal, orderId: string) {
  const state = inspectTerminal(terminal.config, (db) => db.kitchen.state(orderId));
  return { scopes: Object.fromEntries(state.scopes), done: [...state.doneLines].sort() };
}
