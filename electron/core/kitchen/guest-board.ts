import type { GuestBoard } from '../../../shared/guest-board';
import type { KitchenAnswers } from '../../../shared/kitchen-answers';
import { fireTimeOf } from '../kitchen-model/course-timing';
import { NO_KITCHEN_STATE, ownProgress, WHOLE_TICKET, type KitchenOrder, type KitchenState } from '../kitchen-model/kitchen-state';
import { stampTime } from '../kitchen-model/stamps';
import type { ReadRepositories } from '../store/storage';
import { READY } from './kitchen-signals';

/**
 * An order open longer than this is not shown as preparing: one nobody finished (never bumped by
 * expo, never completed by the platform) must not sit on the guests' board for days.
 */
export const BOARD_PREPARING_HOURS = 6;

/**
 * When the kitchen's progress says the order is finished by the rule of the ready signal (expo's
 * whole-ticket bump, or every station's where the kitchen has no expo), or null. Until the topic
 * decides READY, this is what the board goes by: a bump on this terminal moves the number at once,
 * with the internet down too.
 */
function finishedAt(order: KitchenOrder, kitchen: KitchenState, readyFrom: KitchenAnswers['readyFrom']): number | null {
  const whole = ownProgress(kitchen, WHOLE_TICKET);
  if (whole.bumped) return stampTime(whole.bumpStamp);
  if (readyFrom !== 'stations' || !order.snapshot) return null;
  let latest = 0;
  for (const station of new Set(order.snapshot.items.map((item) => item.station))) {
    const progress = ownProgress(kitchen, station);
    if (!progress.bumped) return null;
    latest = Math.max(latest, stampTime(progress.bumpStamp));
  }
  return latest;
}

/**
 * The guest board, read from the store: every open order fired to the kitchen, under Preparing
 * until the bump that sends the platform ORDER_READY (the READY decision, the same on every
 * terminal of the kitchen; before the topic has decided it, the kitchen's progress by the same
 * rule), then under Ready until it is picked up (completed) or `readyMinutes` have passed.
 * Rejected orders and orders without a display number are not shown. Reads only the open orders
 * (an index), never the history.
 */
export function guestBoard(
  repositories: Pick<ReadRepositories, 'orders' | 'answers' | 'kitchen'>,
  now: number,
  options: { readyMinutes: number; readyFrom: KitchenAnswers['readyFrom'] },
): GuestBoard {
  const preparing: { number: string; firedAt: number }[] = [];
  const ready: { number: string; readyAt: string; at: number }[] = [];
  const readySince = now - options.readyMinutes * 60_000;
  const preparingSince = now - BOARD_PREPARING_HOURS * 3_600_000;
  const orderIds = repositories.orders.onScreenIds(new Date(now).toISOString());
  const states = repositories.kitchen.states(orderIds);
  for (const orderId of orderIds) {
    const order = repositories.orders.get(orderId);
    const number = order?.snapshot?.displayNumber;
    if (!order || order.status !== 'OPEN' || !number) continue;
    if (repositories.answers.answer(orderId)?.answer === 'REJECTED') continue;
    const decidedAt = repositories.answers.decision(orderId, READY)?.decidedAt;
    const readyAt =
      decidedAt !== undefined ? Date.parse(decidedAt) : finishedAt(order, states.get(orderId) ?? NO_KITCHEN_STATE, options.readyFrom);
    if (readyAt !== null) {
      // A bumping terminal's clock ahead puts readyAt in the future: ready now, not later (it then
      // stays until this clock passes its stamp by readyMinutes, or until picked up).
      const at = Math.min(readyAt, now);
      if (at > readySince) ready.push({ number, readyAt: new Date(at).toISOString(), at });
      continue;
    }
    const firedAt = Date.parse(fireTimeOf(order));
    if (firedAt <= now && firedAt >= preparingSince) preparing.push({ number, firedAt });
  }
  preparing.sort((a, b) => a.firedAt - b.firedAt || a.number.localeCompare(b.number));
  ready.sort((a, b) => b.at - a.at || a.number.localeCompare(b.number));
  return {
    at: new Date(now).toISOString(),
    preparing: preparing.map(({ number }) => ({ number })),
    ready: ready.map(({ number, readyAt }) => ({ number, readyAt })),
  };
}
