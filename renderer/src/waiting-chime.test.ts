import { describe, expect, it } from 'vitest';
import type { Acceptance, Ticket } from '../../shared/ticket';
import { WAITING_CHIME_EVERY_MS, waitingChimeDue } from './waiting-chime';
import { waitingCount, waitingFirst } from './waiting-orders';

/** When the screen chimes, over a run of its once-a-second clock ticks (a little late each, as timers are). */
function chimesOver(ticks: { at: number; waiting: number }[]): number[] {
  let last: number | null = null;
  const chimed: number[] = [];
  for (const { at, waiting } of ticks) {
    if (waiting === 0) last = null;
    else if (waitingChimeDue(waiting, last, at)) {
      last = at;
      chimed.push(at);
    }
  }
  return chimed;
}

const acceptance = (state: Acceptance['state']): Acceptance => ({
  acceptBy: '2026-12-03T12:03:00.000Z',
  state,
  terminalId: null,
  prepMinutes: null,
  readyBy: null,
  reason: null,
  overruled: false,
  proposedPrepMinutes: null,
});
const ticket = (orderId: string, state: Acceptance['state'] | null, acceptBy = '2026-12-03T12:03:00.000Z'): Ticket =>
  ({ orderId, acceptance: state && { ...acceptance(state), acceptBy } }) as Ticket;

describe('the chime of an order waiting for an answer', () => {
  it('chimes at once when an order starts waiting, then every 5 s while it waits', () => {
    const ticks = Array.from({ length: 16 }, (_, i) => ({ at: 1_000 * i + (i % 3) * 7, waiting: 1 }));
    expect(chimesOver(ticks)).toEqual([0, 5_014, 10_007, 15_000]);
    expect(WAITING_CHIME_EVERY_MS).toBe(5_000);
  });

  it('stops when nothing waits, and chimes at once for the next waiting order', () => {
    const ticks = [
      { at: 0, waiting: 1 },
      { at: 1_000, waiting: 1 },
      { at: 2_000, waiting: 0 },
      { at: 3_000, waiting: 0 },
      { at: 4_000, waiting: 2 },
      { at: 5_000, waiting: 2 },
      { at: 9_000, waiting: 1 },
    ];
    expect(chimesOver(ticks)).toEqual([0, 4_000, 9_000]);
  });

  it('never chimes when nothing waits', () => {
    expect(waitingChimeDue(0, null, 0)).toBe(false);
  });

  it('counts only waiting orders, not the one being answered right now', () => {
    const tickets = [ticket('a', 'WAITING'), ticket('b', 'WAITING'), ticket('c', 'SENT'), ticket('d', 'ACCEPTED'), ticket('e', null)];
    expect(waitingCount(tickets, null)).toBe(2);
    expect(waitingCount(tickets, 'a')).toBe(1);
    expect(waitingCount([ticket('a', 'WAITING')], 'a')).toBe(0);
  });
});

describe('orders waiting for an answer on the board', () => {
  it('come first, the nearest deadline first; the rest keep their order', () => {
    const board = [
      ticket('rush', null),
      ticket('late-answer', 'WAITING', '2026-12-03T12:05:00.000Z'),
      ticket('accepted', 'ACCEPTED'),
      ticket('soon-answer', 'WAITING', '2026-12-03T12:01:00.000Z'),
      ticket('plain', null),
    ];
    expect(waitingFirst(board).map((t) => t.orderId)).toEqual(['soon-answer', 'late-answer', 'rush', 'accepted', 'plain']);
    expect(waitingFirst([ticket('a', null), ticket('b', 'SENT')]).map((t) => t.orderId)).toEqual(['a', 'b']);
  });
});
