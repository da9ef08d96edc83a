import { dispatchRequest } from '../../electron/core/app/api-dispatch';
import { startTerminal, type Terminal } from '../../electron/core/app/terminal';
import { Storage } from '../../electron/core/store/storage';
import type { ActionOutcome, TicketSnapshot } from '../../shared/app-api';
import type { KdsConfig } from '../../shared/config';
import type { KitchenEvent } from '../../shared/kitchen-events';
import type { Kafka } from 'kafkajs';
import { MERCHANT_HEADER, type OrderEvent } from '../../shared/order-events';
import { cheeseburgerLine } from './fixtures';
import type { TopicRecord } from './kcat';

/** An order with a grill line (l1) and a fry line (l2), so stations split it. */
export function grillAndFryOrder(orderId: string, merchantId = 'm-1'): OrderEvent {
  return {
    eventId: `${orderId}-1`,
    type: 'ORDER_PLACED',
    orderId,
    merchantId,
    version: 1,
    occurredAt: new Date().toISOString(),
    order: {
      displayNumber: orderId.toUpperCase(),
      channel: 'DINE_IN',
      priority: 'NORMAL',
      items: [
        cheeseburgerLine(),
        { lineId: 'l2', name: 'Fries', quantity: 1, station: 'fry', course: 1, modifiers: [], notes: '', allergens: [] },
      ],
    },
  };
}

/** A terminal in this process, quiet, with the short coalescing window the tests use. */
export function startTestTerminal(config: KdsConfig): Terminal {
  return startTerminal(config, { log: () => undefined, coalesceMs: 50 });
}

/** Runs a command through the app API and returns what it did; a refused command fails the test. */
export async function act(terminal: Terminal, command: unknown): Promise<ActionOutcome> {
  const result = await dispatchRequest(terminal.api, 'execute', command);
  if (!result.ok) throw new Error(`command refused: ${result.error}`);
  return result.value as ActionOutcome;
}

export async function snapshotOf(terminal: Terminal): Promise<TicketSnapshot> {
  const result = await dispatchRequest(terminal.api, 'snapshot', undefined);
  if (!result.ok) throw new Error(`snapshot refused: ${result.error}`);
  return result.value as TicketSnapshot;
}

/** Reads a terminal's database beside it (read-only), as an independent observer of what it stored. */
export function inspectTerminal<T>(config: KdsConfig, read: (storage: Storage) => T): T {
  const storage = Storage.openReadOnly(config.dataDir);
  try {
    return read(storage);
  } finally {
    storage.close();
  }
}

export function kitchenEventsOf(records: TopicRecord[]): KitchenEvent[] {
  return records.map((record) => JSON.parse(record.payload ?? 'null') as KitchenEvent);
}

/** Event ids per "terminal/order", in topic order (one order's events share a partition). */
export function sequencesByTerminalAndOrder(events: KitchenEvent[]): Map<string, string[]> {
  const sequences = new Map<string, string[]>();
  for (const event of events) {
    const key = `${event.terminalId}/${event.orderId}`;
    sequences.set(key, [...(sequences.get(key) ?? []), event.eventId]);
  }
  return sequences;
}

export async function produceOrders(kafka: Kafka, topic: string, events: OrderEvent[]): Promise<void> {
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  try {
    await producer.send({
      topic,
      acks: -1,
      messages: events.map((e) => ({ key: e.orderId, value: JSON.stringify(e), headers: { [MERCHANT_HEADER]: e.merchantId } })),
    });
  } finally {
    await producer.disconnect();
  }
}
