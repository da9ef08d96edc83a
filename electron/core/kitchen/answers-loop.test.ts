import { describe, expect, it } from 'vitest';
import { DEFAULT_KITCHEN_ANSWERS, type KitchenAnswers as AnswerSettings } from '../../../shared/kitchen-answers';
import { DEFAULT_KITCHEN_TIMING } from '../../../shared/kitchen-timing';
import { kitchenEvent, orderSnapshot, placedOrder } from '../../../test/support/events';
import { ManualClock } from '../../../test/support/manual-clock';
import { tempStorage } from '../../../test/support/temp-storage';
import { applyEvent } from '../ingest/apply-event';
import type { CoreChange } from '../store/change-feed';
import { AnswersLoop } from './answers-loop';
import { KitchenActions } from './kitchen-actions';

/** A kitchen with the loop driven by a manual clock, and every change it announced. */
function kitchen(answers: Partial<AnswerSettings> = {}) {
  const clock = new ManualClock();
  const storage = tempStorage();
  const settings = { ...DEFAULT_KITCHEN_ANSWERS, ...answers };
  const actions = new KitchenActions(storage, { merchantId: 'm-1', terminalId: 'expo-1', stations: [], answers: settings }, () =>
    clock.now(),
  );
  const changes: CoreChange[] = [];
  storage.feed.subscribe((change) => changes.push(change));
  const loop = new AnswersLoop(storage, {
    merchantId: 'm-1',
    stations: [],
    timing: DEFAULT_KITCHEN_TIMING,
    answers: settings,
    execute: (command) => actions.execute(command),
    clock,
    onError: (name, error) => {
      throw error;
    },
  });
  const place = (orderId: string, channel: string) =>
    storage.transact((tx) =>
      tx.orders.save(
        applyEvent(
          undefined,
          placedOrder(orderId, { order: orderSnapshot({ channel, acceptBy: new Date(clock.now() + 600_000).toISOString() }) }),
        ),
      ),
    );
  return { clock, storage, actions, changes, loop, place };
}

describe('the answers nobody taps', () => {
  it('an 86 and a pause that run out are announced at their time: screens project again, the status is pushed', async () => {
    const { clock, storage, actions, changes, loop, place } = kitchen();
    place('o1', 'DINE_IN');
    loop.tick();
    expect(actions.execute({ type: 'SET_ITEM_AVAILABILITY', item: 'Cheeseburger', available: false, forMinutes: 30 }).ok).toBe(true);
    expect(actions.execute({ type: 'PAUSE_KITCHEN', minutes: 15 }).ok).toBe(true);
    // The next look is due at the pause's end, not later.
    expect(loop.tick()).toBe(5_000);
    changes.length = 0;
    await clock.advance(15 * 60_000 + 1);
    expect(loop.tick()).toBeLessThanOrEqual(5_000);
    expect(storage.answers.pausedUntil('m-1', clock.now())).toBeNull();
    expect(changes).toEqual([expect.objectContaining({ status: true, kitchen: ['o1'] })]);
    await clock.advance(15 * 60_000);
    changes.length = 0;
    loop.tick();
    expect(storage.answers.unavailable(clock.now())).toEqual([]);
    expect(changes).toEqual([expect.objectContaining({ status: true, kitchen: ['o1'] })]);
    changes.length = 0;
    loop.tick();
    expect(changes).toEqual([]);
  });

  it('an auto-accepted channel is accepted with the quote; other channels wait for a cook', () => {
    const { storage, loop, place } = kitchen({ autoAcceptChannels: ['KIOSK'] });
    place('kiosk-1', 'KIOSK');
    place('delivery-1', 'DELIVERY');
    loop.tick();
    expect(storage.answers.answer('kiosk-1')).toMatchObject({ answer: 'ACCEPTED', decided: false, terminalId: 'expo-1' });
    expect(storage.answers.answer('kiosk-1')?.prepMinutes).toBeGreaterThan(0);
    expect(storage.answers.answer('delivery-1')).toBeUndefined();
  });

  it('an accepted order behind its promise is proposed a new prep time on expo, and sends it itself when told to', async () => {
    for (const autoUpdatePrepTime of [false, true]) {
      const { clock, storage, loop, place } = kitchen({ autoUpdatePrepTime, behindMinutes: 5 });
      place('o1', 'DELIVERY');
      storage.transact((tx) =>
        tx.answers.decideAnswer(
          {
            ...kitchenEvent('ORDER_ANSWERED', { orderId: 'o1', terminalId: 'expo-2', prepMinutes: 1 }),
            answer: 'ACCEPTED',
            occurredAt: new Date(clock.now()).toISOString(),
          },
          'expo-1',
        ),
      );
      loop.tick();
      expect(storage.answers.answer('o1')?.proposedPrepMinutes).toBeNull();
      await clock.advance(20 * 60_000);
      loop.tick();
      const answer = storage.answers.answer('o1');
      if (autoUpdatePrepTime) {
        expect(storage.outbox.head(10).map((entry) => JSON.parse(entry.json) as { type: string })).toEqual([
          expect.objectContaining({ type: 'PREP_TIME_UPDATED' }),
        ]);
        expect(answer?.prepFrom).toBe(new Date(clock.now()).toISOString());
      } else {
        expect(answer?.proposedPrepMinutes).toBeGreaterThan(0);
        expect(storage.outbox.head(10)).toEqual([]);
      }
    }
  });
});
