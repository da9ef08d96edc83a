import type { Acceptance } from '../../../shared/ticket';
import type { OrderAnswer } from '../store/kitchen-answers';
import type { OrderRecord } from '../store/order-repository';

/** When a promise of `minutes` from `from` runs out, UTC ISO. */
function readyBy(from: string | null, minutes: number | null): string | null {
  if (from === null || minutes === null) return null;
  return new Date(Date.parse(from) + minutes * 60_000).toISOString();
}

/**
 * A ticket's answer to the platform: WAITING until a screen of the kitchen answers, SENT while
 * this terminal's answer waits for its place in the topic, then the kitchen's first answer.
 * Null for an order that expects none (no acceptBy), which is accepted as it comes.
 */
export function acceptanceOf(order: OrderRecord, answer: OrderAnswer | undefined): Acceptance | null {
  const acceptBy = order.snapshot?.acceptBy;
  if (!acceptBy) return null;
  if (!answer)
    return {
      acceptBy,
      state: 'WAITING',
      terminalId: null,
      prepMinutes: null,
      readyBy: null,
      reason: null,
      overruled: false,
      proposedPrepMinutes: null,
    };
  return {
    acceptBy,
    state: answer.decided ? answer.answer : 'SENT',
    terminalId: answer.terminalId,
    prepMinutes: answer.prepMinutes,
    readyBy: answer.answer === 'ACCEPTED' ? readyBy(answer.prepFrom, answer.prepMinutes) : null,
    reason: answer.reason,
    overruled: answer.overruled,
    proposedPrepMinutes: answer.proposedPrepMinutes,
  };
}
