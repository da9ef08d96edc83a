import { describe, expect, it } from 'vitest';
import type { OrderEvent, OrderItem } from '../../../shared/order-events';
import { DEFAULT_KITCHEN_TIMING } from '../../../shared/kitchen-timing';
import { orderLine } from '../../../test/support/fixtures';
import { orderEvent, orderSnapshot, placedOrder } from '../../../test/support/events';
import { tempStorage } from '../../../test/support/temp-storage';
import { sequenceEvent } from '../ingest/sequencer';
import type { Storage } from '../store/storage';
import { BOARD_PREPARING_HOURS, guestBoard } from './guest-board';
import { KitchenActions } from './kitchen-actions';
import { READY } from './kitchen-signals';

const NOW = Date.parse('2026-12-04T12:00:00.000Z');
const minutesAgo = (minutes: number): string => new Date(NOW - minutes * 60_000).toISOString();
const burger = (lineId: string): OrderItem => orderLine(lineId, 'Cheeseburger', 'grill');
const fries = (lineId: string): OrderItem => orderLine(lineId, 'Fries', 'fry');

function receive(storage: Storage, event: OrderEvent): void {
  storage.transact((tx) => sequenceEvent(tx, event, { canEnrich: false, now: NOW }));
}

/** An order placed `minutesAgo` with the customer's name and items, neither of which may reach the board. */
const placed = (orderId: string, number: string, placedMinutesAgo: number, extra: Partial<OrderEvent> = {}): OrderEvent =>
  placedOrder(orderId, {
    occurredAt: minutesAgo(placedMinutesAgo),
    order: orderSnapshot({ displayNumber: number, customerName: 'Alice Secret', items: [burger(`${orderId}-b`), fries(`${orderId}-f`)] }),
    ...extra,
  });

function terminal(storage: Storage, stations: string[], now: () => number) {
  return new KitchenActions(
    storage,
    { merchantId: 'm-1', terminalId: `${stations[0] ?? 'expo'}-1`, stations, timing: DEFAULT_KITCHEN_TIMING },
    now,
  );
}

const numbers = (entries: { number: string }[]) => entries.map((entry) => entry.number);

describe('the guest board: display numbers preparing and ready, from the store', () => {
  it("preparing oldest first; expo's bump (on this terminal, before the topic decides) moves a number to Ready at once; names and items never reach it", () => {
    const storage = tempStorage();
    receive(storage, placed('o1', '101', 12));
    receive(storage, placed('o2', '102', 8));
    receive(storage, placed('o3', '103', 3));
    receive(
      storage,
      placed('o4', '104', 5, { order: orderSnapshot({ displayNumber: '104', dueAt: new Date(NOW + 3 * 3_600_000).toISOString() }) }),
    );
    receive(storage, placed('o5', '105', 4));
    receive(storage, orderEvent('o5', 2, 'ORDER_CANCELLED', { reason: 'customer', occurredAt: minutesAgo(2) }));
    const options = { readyMinutes: 10, readyFrom: 'expo' as const };

    const before = guestBoard(storage, NOW, options);
    expect(numbers(before.preparing), 'a scheduled order not fired yet and a cancelled one are not on it').toEqual(['101', '102', '103']);
    expect(before.ready).toEqual([]);

    // A grill bump in a kitchen with expo is not ready; expo's bump is.
    expect(terminal(storage, ['grill'], () => NOW).execute({ type: 'BUMP', orderId: 'o2' }).ok).toBe(true);
    expect(numbers(guestBoard(storage, NOW, options).preparing)).toEqual(['101', '102', '103']);
    expect(terminal(storage, [], () => NOW + 500).execute({ type: 'BUMP', orderId: 'o2' }).ok).toBe(true);
    const after = guestBoard(storage, NOW + 1_000, options);
    expect(numbers(after.preparing)).toEqual(['101', '103']);
    expect(after.ready).toEqual([{ number: '102', readyAt: new Date(NOW + 500).toISOString() }]);
    expect(JSON.stringify(after)).not.toMatch(/Alice|Cheeseburger|Fries|grill|DINE_IN/);
  });

  it('a ready number leaves when picked up (completed) or after readyMinutes; newest ready first', () => {
    const storage = tempStorage();
    for (const [orderId, number] of [
      ['o1', '201'],
      ['o2', '202'],
      ['o3', '203'],
    ] as const)
      receive(storage, placed(orderId, number, 20));
    const options = { readyMinutes: 10, readyFrom: 'expo' as const };
    const expo = (at: number) => terminal(storage, [], () => at);
    expo(NOW - 11 * 60_000).execute({ type: 'BUMP', orderId: 'o1' });
    expo(NOW - 2 * 60_000).execute({ type: 'BUMP', orderId: 'o2' });
    expo(NOW - 60_000).execute({ type: 'BUMP', orderId: 'o3' });
    expect(numbers(guestBoard(storage, NOW, options).ready), 'bumped 11 minutes ago: gone').toEqual(['203', '202']);
    receive(storage, orderEvent('o3', 2, 'ORDER_COMPLETED', { occurredAt: minutesAgo(0) }));
    expect(numbers(guestBoard(storage, NOW, options).ready), 'picked up: gone').toEqual(['202']);
    expect(numbers(guestBoard(storage, NOW + 8 * 60_000, options).ready)).toEqual([]);
    expect(guestBoard(storage, NOW, options).preparing).toEqual([]);
  });

  it("the topic's READY decision counts on every terminal (another terminal's expo bumped); a kitchen without expo is ready when every station bumped", () => {
    const storage = tempStorage();
    receive(storage, placed('o1', '301', 5));
    receive(storage, placed('o2', '302', 5));
    storage.transact((tx) => tx.answers.decide('o1', READY, { eventId: 'k1', terminalId: 'expo-2', occurredAt: minutesAgo(1) }));
    const stations = { readyMinutes: 10, readyFrom: 'stations' as const };
    expect(guestBoard(storage, NOW, stations).ready).toEqual([{ number: '301', readyAt: minutesAgo(1) }]);
    terminal(storage, ['grill'], () => NOW).execute({ type: 'BUMP', orderId: 'o2' });
    expect(numbers(guestBoard(storage, NOW, stations).preparing), 'fry has not bumped').toEqual(['302']);
    terminal(storage, ['fry'], () => NOW).execute({ type: 'BUMP', orderId: 'o2' });
    expect(numbers(guestBoard(storage, NOW, stations).ready)).toEqual(['302', '301']);
  });

  it(`an order nobody finished leaves Preparing ${BOARD_PREPARING_HOURS} hours after it fired; a bump stamped by a clock ahead is ready now, not later`, () => {
    const storage = tempStorage();
    receive(storage, placed('o1', '401', BOARD_PREPARING_HOURS * 60 + 1));
    receive(storage, placed('o2', '402', 1));
    storage.transact((tx) =>
      tx.answers.decide('o2', READY, { eventId: 'k2', terminalId: 'expo-2', occurredAt: new Date(NOW + 3_600_000).toISOString() }),
    );
    const board = guestBoard(storage, NOW, { readyMinutes: 10, readyFrom: 'expo' });
    expect(board.preparing).toEqual([]);
    expect(board.ready).toEqual([{ number: '402', readyAt: new Date(NOW).toISOString() }]);
  });
});
