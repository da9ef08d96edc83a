import { describe, expect, it } from 'vitest';
import { DEFAULT_KITCHEN_ANSWERS } from '../../../shared/kitchen-answers';
import type { KitchenEvent } from '../../../shared/kitchen-events';
import { kitchenEvent, orderEvent, orderSnapshot, placedOrder } from '../../../test/support/events';
import { cheeseburgerLine } from '../../../test/support/fixtures';
import { tempStorage } from '../../../test/support/temp-storage';
import { applyEvent } from '../ingest/apply-event';
import type { Storage } from '../store/storage';
import { KitchenActions } from './kitchen-actions';
import { KitchenSignals } from './kitchen-signals';
import { derivedEventId } from './own-event';

const NOW = Date.parse('2026-11-22T12:00:00.000Z');
const acceptBy = '2026-11-22T12:10:00.000Z';

/** An order with a grill and a fry line that expects an answer. */
function kitchenWithOrder(readyFrom: 'expo' | 'stations' = 'expo', terminalId = 'expo-1') {
  const storage = tempStorage();
  const order = orderSnapshot({
    displayNumber: 'A7',
    acceptBy,
    items: [
      cheeseburgerLine(),
      { lineId: 'l2', name: 'Fries', quantity: 1, station: 'fry', course: 1, modifiers: [], notes: '', allergens: [] },
    ],
  });
  storage.transact((tx) => tx.orders.save(applyEvent(undefined, placedOrder('o1', { order }))));
  const signals = new KitchenSignals({ merchantId: 'm-1', terminalId, answers: { ...DEFAULT_KITCHEN_ANSWERS, readyFrom } });
  /** A record of the topic, in its order: applied, then decided, as kitchen-record.ts does. */
  const read = (event: KitchenEvent) =>
    storage.transact((tx) => {
      tx.outbox.confirm(event.eventId);
      tx.kitchen.apply(event);
      signals.onTopicEvent(tx, event, NOW);
    });
  const actions = new KitchenActions(storage, { merchantId: 'm-1', terminalId, stations: [] }, () => NOW);
  return { storage, read, actions };
}

const queued = (storage: Storage) => storage.outbox.head(100).map((entry) => JSON.parse(entry.json) as KitchenEvent);
const answered = (terminalId: string, prepMinutes: number) =>
  kitchenEvent('ORDER_ANSWERED', { terminalId, answer: 'ACCEPTED', prepMinutes, occurredAt: '2026-11-22T12:01:00.000Z' });

describe('the kitchen answers the platform: decisions by the topic order', () => {
  it('the first answer in the topic counts on every terminal; only its terminal publishes ORDER_ACCEPTED', () => {
    const other = answered('expo-2', 20);
    const mine = kitchenWithOrder();
    const executed = mine.actions.execute({ type: 'ACCEPT_ORDER', orderId: 'o1', prepMinutes: 12 });
    expect(executed.ok).toBe(true);
    expect(mine.storage.answers.answer('o1')).toMatchObject({ decided: false, terminalId: 'expo-1' });
    const [claim] = queued(mine.storage);
    // expo-2's answer reached the topic first; this terminal's own comes after it.
    mine.read(other);
    mine.read(claim as KitchenEvent);
    expect(mine.storage.answers.answer('o1')).toMatchObject({ decided: true, terminalId: 'expo-2', prepMinutes: 20, overruled: true });
    expect(queued(mine.storage).map((event) => event.type)).toEqual([]);

    const theirs = kitchenWithOrder('expo', 'expo-2');
    theirs.read(other);
    theirs.read(claim as KitchenEvent);
    const signals = queued(theirs.storage);
    expect(signals).toEqual([
      expect.objectContaining({
        type: 'ORDER_ACCEPTED',
        terminalId: 'expo-2',
        prepMinutes: 20,
        signalOf: other.eventId,
        occurredAt: other.occurredAt,
      }),
    ]);
    expect(signals[0]?.eventId).toBe(derivedEventId(other.eventId, 'ORDER_ACCEPTED'));
    expect(theirs.storage.answers.answer('o1')?.overruled).toBe(false);
  });

  it('a database rebuilt and re-reading the topic decides again, and the signal already on the topic takes the copy out', () => {
    const { storage, read } = kitchenWithOrder('expo', 'expo-2');
    const claim = answered('expo-2', 15);
    read(claim);
    const [signal] = queued(storage);
    expect(signal?.type).toBe('ORDER_ACCEPTED');
    read(signal as KitchenEvent);
    expect(queued(storage)).toEqual([]);
  });

  it('a second screen of the same terminal, or an answer after the decision, is refused with who answered', () => {
    const { actions, read } = kitchenWithOrder();
    expect(actions.execute({ type: 'ACCEPT_ORDER', orderId: 'o1', prepMinutes: 12 }).ok).toBe(true);
    expect(actions.execute({ type: 'REJECT_ORDER', orderId: 'o1', reason: 'Too busy', outOfStockLineIds: [] })).toEqual({
      ok: false,
      error: 'order A7 was already answered on this terminal',
    });
    read(answered('expo-9', 30));
    expect(actions.execute({ type: 'ACCEPT_ORDER', orderId: 'o1', prepMinutes: 12 })).toEqual({
      ok: false,
      error: 'order A7 was already accepted on expo-9',
    });
  });

  it('a rejection names its out-of-stock lines and 86es them until the end of the day', () => {
    const { actions, storage } = kitchenWithOrder();
    expect(actions.execute({ type: 'REJECT_ORDER', orderId: 'o1', reason: 'Out of stock', outOfStockLineIds: ['l2'] }).ok).toBe(true);
    const [rejected, eightySix] = queued(storage);
    expect(rejected).toMatchObject({ type: 'ORDER_ANSWERED', answer: 'REJECTED', outOfStock: [{ lineId: 'l2', name: 'Fries' }] });
    expect(eightySix).toMatchObject({ type: 'ITEM_AVAILABILITY', orderId: 'kitchen:m-1', item: 'Fries', available: false });
    expect(storage.answers.unavailable(NOW).map((entry) => entry.item)).toEqual(['Fries']);
    expect(actions.execute({ type: 'REJECT_ORDER', orderId: 'o1', reason: 'x', outOfStockLineIds: ['nope'] }).ok).toBe(false);
  });

  it('ready comes from expo’s whole-ticket bump, once; a station’s bump is not ready while expo decides', () => {
    const { storage, read } = kitchenWithOrder();
    read(kitchenEvent('TICKET_BUMPED', { terminalId: 'grill-1', station: 'grill', orderVersion: 1 }));
    read(kitchenEvent('TICKET_BUMPED', { terminalId: 'fry-1', station: 'fry', orderVersion: 1 }));
    expect(storage.answers.decision('o1', 'READY')).toBeUndefined();
    const bump = kitchenEvent('TICKET_BUMPED', { terminalId: 'expo-1', orderVersion: 1, occurredAt: '2026-11-22T12:09:00.000Z' });
    read(bump);
    read(kitchenEvent('TICKET_RECALLED', { terminalId: 'expo-1', occurredAt: '2026-11-22T12:09:10.000Z' }));
    read(kitchenEvent('TICKET_BUMPED', { terminalId: 'expo-1', orderVersion: 1, occurredAt: '2026-11-22T12:09:20.000Z' }));
    expect(queued(storage)).toEqual([expect.objectContaining({ type: 'ORDER_READY', signalOf: bump.eventId })]);
  });

  it('without expo, ready comes from the bump that leaves every station bumped — published by that bump’s terminal only', () => {
    const fry = kitchenWithOrder('stations', 'fry-1');
    const grillBump = kitchenEvent('TICKET_BUMPED', { terminalId: 'grill-1', station: 'grill', orderVersion: 1 });
    const fryBump = kitchenEvent('TICKET_BUMPED', { terminalId: 'fry-1', station: 'fry', orderVersion: 1 });
    fry.read(grillBump);
    expect(queued(fry.storage)).toEqual([]);
    fry.read(fryBump);
    expect(queued(fry.storage)).toEqual([expect.objectContaining({ type: 'ORDER_READY', signalOf: fryBump.eventId, terminalId: 'fry-1' })]);
    const grill = kitchenWithOrder('stations', 'grill-1');
    grill.read(grillBump);
    grill.read(fryBump);
    expect(queued(grill.storage)).toEqual([]);
    expect(grill.storage.answers.decision('o1', 'READY')?.terminalId).toBe('fry-1');
  });

  it('the first render per order and station is shown once, whoever rendered it first', () => {
    const { storage, read } = kitchenWithOrder('expo', 'grill-1');
    const mine = kitchenEvent('TICKET_RENDERED', { terminalId: 'grill-1', station: 'grill' });
    read(kitchenEvent('TICKET_RENDERED', { terminalId: 'grill-2', station: 'grill' }));
    read(mine);
    read(kitchenEvent('TICKET_RENDERED', { terminalId: 'grill-1', station: 'fry' }));
    expect(queued(storage).map((event) => [event.type, event.station])).toEqual([['TICKET_SHOWN', 'fry']]);
  });

  it('86 and pause: the newest writer wins, whatever order they arrive in', () => {
    const { storage, read } = kitchenWithOrder();
    const back = kitchenEvent('ITEM_AVAILABILITY', {
      orderId: 'kitchen:m-1',
      item: 'fries',
      available: true,
      occurredAt: '2026-11-22T12:05:00.000Z',
    });
    const out = kitchenEvent('ITEM_AVAILABILITY', {
      orderId: 'kitchen:m-1',
      item: 'Fries',
      available: false,
      occurredAt: '2026-11-22T12:04:00.000Z',
    });
    read(back);
    read(out);
    expect(storage.answers.unavailable(NOW)).toEqual([]);
    read(
      kitchenEvent('KITCHEN_PAUSED', { orderId: 'kitchen:m-1', until: '2026-11-22T12:30:00.000Z', occurredAt: '2026-11-22T11:59:00.000Z' }),
    );
    expect(storage.answers.pausedUntil('m-1', NOW)).toBe('2026-11-22T12:30:00.000Z');
    expect(storage.answers.pausedUntil('m-1', Date.parse('2026-11-22T12:31:00.000Z'))).toBeNull();
  });

  it('an order without a deadline expects no answer; a cancelled one cannot be accepted', () => {
    const { storage, actions } = kitchenWithOrder();
    storage.transact((tx) => tx.orders.save(applyEvent(undefined, placedOrder('o2'))));
    expect(actions.execute({ type: 'ACCEPT_ORDER', orderId: 'o2', prepMinutes: 5 })).toEqual({
      ok: false,
      error: 'order O2 expects no answer: it is accepted as it comes',
    });
    storage.transact((tx) => tx.orders.save(applyEvent(tx.orders.get('o1'), orderEvent('o1', 2, 'ORDER_CANCELLED'))));
    expect(actions.execute({ type: 'ACCEPT_ORDER', orderId: 'o1', prepMinutes: 5 })).toEqual({
      ok: false,
      error: 'order A7 is void: the platform cancelled it',
    });
  });
});
