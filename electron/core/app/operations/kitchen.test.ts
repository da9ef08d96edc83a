import { describe, expect, it } from 'vitest';
import type { Command } from '../../../../shared/app-api';
import type { KdsConfig } from '../../../../shared/config';
import { DEFAULT_KITCHEN_TIMING } from '../../../../shared/kitchen-timing';
import { orderLine } from '../../../../test/support/fixtures';
import { FIXED_TIME, orderEvent, orderSnapshot, placedOrder } from '../../../../test/support/events';
import { ManualClock } from '../../../../test/support/manual-clock';
import { tempStorage } from '../../../../test/support/temp-storage';
import { sequenceEvent } from '../../ingest/sequencer';
import type { OrderEvent, OrderItem } from '../../../../shared/order-events';
import { KitchenActions } from '../../kitchen/kitchen-actions';
import type { Storage } from '../../store/storage';
import type { TicketStream } from '../../tickets/ticket-stream';
import { kitchenOperations } from './kitchen';

const timing = { ...DEFAULT_KITCHEN_TIMING, cookTimes: [{ name: 'Steak', seconds: 600 }] };

/** The kitchen module as the composition root builds it, over a real SQLite file; the publisher and the stream do nothing here. */
function kitchenOf(storage: Storage, clock: ManualClock, stations: string[]) {
  const actions = new KitchenActions(storage, { merchantId: 'm-1', terminalId: `${stations[0] ?? 'expo'}-1`, stations, timing }, () =>
    clock.now(),
  );
  return kitchenOperations({
    storage,
    clock,
    actions,
    config: { kitchen: timing } as KdsConfig,
    publisher: { wake: () => undefined },
    pinRefusal: () => undefined,
    stream: { flush: () => undefined } as unknown as TicketStream,
  });
}

function receive(storage: Storage, event: OrderEvent): void {
  storage.transact((tx) => sequenceEvent(tx, event, { canEnrich: false, now: Date.parse(FIXED_TIME) }));
}

const placed = (orderId: string, items: OrderItem[], extra: Partial<OrderEvent> = {}) =>
  placedOrder(orderId, { order: orderSnapshot({ displayNumber: orderId, items }), ...extra });

describe('kitchenLoad: what is still to cook, per station, from the store', () => {
  it('counts open tickets, open items and their cook seconds per station; bumped, struck, cancelled and not yet fired work is no load', async () => {
    const storage = tempStorage();
    const clock = new ManualClock(Date.parse(FIXED_TIME) + 60_000);
    const grill = kitchenOf(storage, clock, ['grill']);
    const burger = (lineId: string) => orderLine(lineId, 'Cheeseburger', 'grill', { prepSeconds: 420 });
    receive(storage, placed('o1', [burger('b1'), orderLine('s1', 'Steak', 'grill'), orderLine('f1', 'Fries', 'fry')]));
    receive(storage, placed('o2', [burger('b2')]));
    receive(storage, placed('o3', [burger('b3')]));
    receive(storage, orderEvent('o3', 2, 'ORDER_CANCELLED', { reason: 'customer' }));
    receive(storage, placed('o4', [burger('b4')], { order: orderSnapshot({ items: [burger('b4')], dueAt: '2026-11-22T18:00:00.000Z' }) }));

    const run = async (command: Command) => expect((await grill.execute(command)).ok).toBe(true);
    await run({ type: 'ITEM_DONE', orderId: 'o1', lineId: 's1' });
    await run({ type: 'BUMP', orderId: 'o2' });

    const load = await grill.kitchenLoad(undefined);
    expect(load).toEqual({
      ok: true,
      value: {
        at: new Date(clock.now()).toISOString(),
        stations: [
          { station: 'fry', openTickets: 1, openItems: 1, remainingCookSeconds: 0, itemsWithoutCookTime: 1 },
          // o1's burger (its prepSeconds); its steak (600 s from the table) is struck; o2 is bumped.
          { station: 'grill', openTickets: 1, openItems: 1, remainingCookSeconds: 420, itemsWithoutCookTime: 0 },
        ],
      },
    });

    // A change of its grill lines after the bump brings o2 back (the kitchen model's one decision): load again.
    receive(
      storage,
      orderEvent('o2', 2, 'ORDER_UPDATED', { order: orderSnapshot({ displayNumber: 'o2', items: [burger('b2'), burger('b5')] }) }),
    );
    const reopened = await grill.kitchenLoad(undefined);
    expect(reopened.ok && reopened.value.stations.find((s) => s.station === 'grill')).toEqual({
      station: 'grill',
      openTickets: 2,
      openItems: 3,
      remainingCookSeconds: 3 * 420,
      itemsWithoutCookTime: 0,
    });

    // The scheduled order counts from its fire time (due time less the prep time), not before.
    await clock.advance(Date.parse('2026-11-22T17:50:00.000Z') - clock.now());
    const later = await grill.kitchenLoad(undefined);
    expect(later.ok && later.value.stations.find((s) => s.station === 'grill')?.openTickets).toBe(3);
  });

  it('an empty kitchen has no stations under load', async () => {
    const storage = tempStorage();
    expect(await kitchenOf(storage, new ManualClock(0), []).kitchenLoad(undefined)).toEqual({
      ok: true,
      value: { at: new Date(0).toISOString(), stations: [] },
    });
  });
});
