import { Kafka, logLevel } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { dispatchRequest } from '../../electron/core/app/api-dispatch';
import type { Terminal } from '../../electron/core/app/terminal';
import { isPlatformSignal, type KitchenEvent } from '../../shared/kitchen-events';
import type { OrderEvent } from '../../shared/order-events';
import type { Ticket } from '../../shared/ticket';
import { createTopics, testConfig, waitFor, waitForAsync } from '../support/core-harness';
import { readTopicWithKcat } from '../support/kcat';
import { act, grillAndFryOrder, kitchenEventsOf, produceOrders, snapshotOf, startTestTerminal } from '../support/kitchen-fixtures';
import { useOwnBroker } from '../support/own-broker';

// The broker is stopped and restarted here, so this file has its own.
const ownBroker = useOwnBroker();

/** An order the platform cancels unless the kitchen accepts it within `deadlineMs`. */
function orderWithDeadline(orderId: string, deadlineMs: number, channel = 'DELIVERY'): OrderEvent {
  const placed = grillAndFryOrder(orderId);
  const order = placed.order;
  if (!order) throw new Error('the fixture has a snapshot');
  return { ...placed, order: { ...order, channel, acceptBy: new Date(Date.now() + deadlineMs).toISOString() } };
}

async function ticketOf(terminal: Terminal, orderId: string): Promise<Ticket | undefined> {
  return (await snapshotOf(terminal)).tickets.find((ticket) => ticket.orderId === orderId);
}

async function kitchenTopic(bootstrap: string, topic: string): Promise<KitchenEvent[]> {
  return kitchenEventsOf(await readTopicWithKcat(bootstrap, topic));
}

const ofType = (events: KitchenEvent[], type: string, orderId?: string) =>
  events.filter((event) => event.type === type && (orderId === undefined || event.orderId === orderId));

describe('the kitchen answers the platform', () => {
  it('two terminals racing to accept: exactly one ORDER_ACCEPTED on the topic, the second screen told', { timeout: 120_000 }, async () => {
    const broker = ownBroker();
    const expoConfig = testConfig(broker.bootstrap, { terminalId: 'expo-1' });
    const expo2Config = testConfig(broker.bootstrap, { env: expoConfig.env, terminalId: 'expo-2' });
    const kafka = new Kafka({ brokers: [broker.bootstrap], clientId: 'answers-test', logLevel: logLevel.NOTHING });
    await createTopics(kafka, expoConfig);
    await produceOrders(kafka, expoConfig.topics.orders, [orderWithDeadline('race-1', 180_000)]);
    const expo = startTestTerminal(expoConfig);
    const expo2 = startTestTerminal(expo2Config);
    try {
      for (const terminal of [expo, expo2])
        await waitForAsync(
          'the order on screen, waiting for an answer',
          async () => (await ticketOf(terminal, 'race-1'))?.acceptance?.state === 'WAITING',
        );
      const quote = await dispatchRequest(expo.api, 'prepQuote', { orderId: 'race-1' });
      expect(quote.ok).toBe(true);
      // Both cooks tap Accept before either answer can have come back from the topic.
      await Promise.all([
        act(expo, { type: 'ACCEPT_ORDER', orderId: 'race-1', prepMinutes: 12 }),
        act(expo2, { type: 'ACCEPT_ORDER', orderId: 'race-1', prepMinutes: 20 }),
      ]);
      const decided = async (terminal: Terminal) => {
        const acceptance = (await ticketOf(terminal, 'race-1'))?.acceptance;
        return acceptance?.state === 'ACCEPTED' ? acceptance : undefined;
      };
      const [first, second] = [
        await waitForAsync('expo-1 decided', () => decided(expo)),
        await waitForAsync('expo-2 decided', () => decided(expo2)),
      ];
      expect(first.terminalId).toBe(second.terminalId);
      expect(first.prepMinutes).toBe(second.prepMinutes);
      const winner = first.terminalId;
      const loser = winner === 'expo-1' ? expo2 : expo;
      await waitForAsync('the other screen told its answer did not count', async () => (await decided(loser))?.overruled === true);
      await waitFor('both outboxes empty', () => [expo, expo2].every((terminal) => terminal.status().outbox.pending === 0), 30_000);

      const events = await kitchenTopic(broker.bootstrap, expoConfig.topics.kitchenEvents);
      expect(ofType(events, 'ORDER_ANSWERED', 'race-1')).toHaveLength(2);
      const accepted = ofType(events, 'ORDER_ACCEPTED', 'race-1');
      expect(accepted).toHaveLength(1);
      expect(accepted[0]?.terminalId).toBe(winner);
      expect(accepted[0]?.quote?.stations.map((station) => station.station)).toEqual(['fry', 'grill']);
      // The signal follows the claim that won, in the partition's order.
      const claimAt = events.findIndex((event) => event.eventId === accepted[0]?.signalOf);
      expect(claimAt).toBeGreaterThanOrEqual(0);
      expect(events.indexOf(accepted[0] as KitchenEvent)).toBeGreaterThan(claimAt);
      const refused = await dispatchRequest(expo.api, 'execute', { type: 'ACCEPT_ORDER', orderId: 'race-1', prepMinutes: 5 });
      expect(refused).toEqual({ ok: false, error: `order RACE-1 was already accepted on ${winner}` });
    } finally {
      await Promise.all([expo.stop(), expo2.stop()]);
    }
  });

  it(
    'broker down while cooks accept, render, bump, 86 and pause: every signal on the topic exactly once after it returns, in the order made',
    { timeout: 180_000 },
    async () => {
      const broker = ownBroker();
      const grillConfig = testConfig(broker.bootstrap, { terminalId: 'grill-1', stations: ['grill'] });
      const expoConfig = testConfig(broker.bootstrap, { env: grillConfig.env, terminalId: 'expo-1' });
      const kafka = new Kafka({ brokers: [broker.bootstrap], clientId: 'answers-test', logLevel: logLevel.NOTHING });
      await createTopics(kafka, grillConfig);
      const orderIds = ['off-1', 'off-2', 'off-3'];
      await produceOrders(
        kafka,
        grillConfig.topics.orders,
        orderIds.map((orderId) => orderWithDeadline(orderId, 600_000)),
      );
      const grill = startTestTerminal(grillConfig);
      const expo = startTestTerminal(expoConfig);
      try {
        for (const terminal of [grill, expo])
          await waitForAsync('every order on screen', async () => (await snapshotOf(terminal)).tickets.length === orderIds.length);
        await broker.stop();

        // The line is down: the kitchen keeps answering.
        for (const terminal of [grill, expo]) await dispatchRequest(terminal.api, 'ticketsShown', { orderIds });
        for (const orderId of orderIds) await act(expo, { type: 'ACCEPT_ORDER', orderId, prepMinutes: 15 });
        for (const orderId of orderIds) await act(grill, { type: 'BUMP', orderId });
        await act(grill, { type: 'SET_ITEM_AVAILABILITY', item: 'Fries', available: false, forMinutes: 60 });
        for (const orderId of orderIds) await act(expo, { type: 'BUMP', orderId });
        await act(grill, { type: 'PAUSE_KITCHEN', minutes: 30 });
        expect((await ticketOf(expo, 'off-1'))?.acceptance?.state ?? 'gone').toBe('gone');
        expect(grill.status().kitchen.unavailableItems.map((entry) => entry.item)).toEqual(['Fries']);
        expect(grill.status().kitchen.pausedUntil).not.toBeNull();
        const pending = grill.status().outbox.pending + expo.status().outbox.pending;
        expect(pending).toBeGreaterThan(0);

        await broker.start();
        const expected = orderIds.length * 4 + 2; // shown on grill and expo, accepted, ready; one 86, one pause
        const signals = await waitForAsync(
          'every signal on the topic',
          async () => {
            if ([grill, expo].some((terminal) => terminal.status().outbox.pending > 0)) return undefined;
            const events = (await kitchenTopic(broker.bootstrap, grillConfig.topics.kitchenEvents)).filter((event) =>
              isPlatformSignal(event.type),
            );
            return events.length >= expected ? events : undefined;
          },
          90_000,
        );
        expect(signals).toHaveLength(expected);
        expect(new Set(signals.map((event) => event.eventId)).size).toBe(expected);
        for (const orderId of orderIds) {
          const ofOrder = signals.filter((event) => event.orderId === orderId);
          expect(
            ofOrder
              .filter((event) => event.type === 'TICKET_SHOWN')
              .map((event) => event.station ?? 'expo')
              .sort(),
          ).toEqual(['expo', 'grill']);
          // Per order, in the order made: accepted before ready.
          expect(ofOrder.filter((event) => event.type !== 'TICKET_SHOWN').map((event) => event.type)).toEqual([
            'ORDER_ACCEPTED',
            'ORDER_READY',
          ]);
          expect(ofOrder.find((event) => event.type === 'ORDER_READY')?.terminalId).toBe('expo-1');
        }
        // Kitchen-wide, one key: one terminal's in the order it made them (two terminals offline have no common order).
        expect(signals.filter((event) => event.orderId === 'kitchen:m-1').map((event) => event.type)).toEqual([
          'ITEM_AVAILABILITY',
          'KITCHEN_PAUSED',
        ]);
        // Both terminals agree on what the kitchen told the platform.
        await waitFor('the 86 and the pause on both terminals', () =>
          [grill, expo].every(
            (terminal) => terminal.status().kitchen.unavailableItems.length === 1 && terminal.status().kitchen.pausedUntil !== null,
          ),
        );
      } finally {
        await Promise.all([grill.stop(), expo.stop()]);
      }
    },
  );

  it('a deadline missed while offline: the platform cancels, and the ticket shows VOID', { timeout: 120_000 }, async () => {
    const broker = ownBroker();
    const config = testConfig(broker.bootstrap, { terminalId: 'expo-1' });
    const kafka = new Kafka({ brokers: [broker.bootstrap], clientId: 'answers-test', logLevel: logLevel.NOTHING });
    await createTopics(kafka, config);
    const placed = orderWithDeadline('late-1', 4_000);
    await produceOrders(kafka, config.topics.orders, [placed]);
    const expo = startTestTerminal(config);
    try {
      await waitForAsync('the order waiting for an answer', async () => (await ticketOf(expo, 'late-1'))?.acceptance?.state === 'WAITING');
      await broker.stop();
      await act(expo, { type: 'ACCEPT_ORDER', orderId: 'late-1', prepMinutes: 10 });
      expect((await ticketOf(expo, 'late-1'))?.acceptance?.state).toBe('SENT');
      const acceptBy = Date.parse(placed.order?.acceptBy ?? '');
      await waitFor('the deadline to pass with the line down', () => Date.now() > acceptBy, 10_000);
      await broker.start();
      // The platform heard nothing by the deadline: it cancels, as Uber Eats and Deliveroo do.
      await produceOrders(kafka, config.topics.orders, [
        {
          ...placed,
          eventId: 'late-1-2',
          type: 'ORDER_CANCELLED',
          version: 2,
          occurredAt: new Date(acceptBy).toISOString(),
          order: undefined,
          reason: 'not accepted in time',
        },
      ]);
      const ticket = await waitForAsync('the ticket VOID', async () => {
        const shown = await ticketOf(expo, 'late-1');
        return shown?.status === 'VOID' ? shown : undefined;
      });
      expect(ticket.cancelReason).toBe('not accepted in time');
    } finally {
      await expo.stop();
    }
  });
});
