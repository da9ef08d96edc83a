import { beforeEach, describe, expect, it } from 'vitest';
import type { ScreenSettings } from '../../shared/app-api';
import type { CoreStatus } from '../../shared/core-status';
import type { Ticket } from '../../shared/ticket';
import { sortedTickets, useTickets } from './ticket-store';

const status = { connection: { state: 'online', since: '' } } as CoreStatus;
const screen: ScreenSettings = { warnMinutes: 5, lateMinutes: 8, terminalId: 'expo-1', stations: [], sound: true, pausePin: false };
const ticket = (orderId: string, priority: Ticket['priority'] = 'NORMAL', fireAt = '2026-11-22T12:00:00.000Z'): Ticket =>
  ({ orderId, priority, fireAt }) as Ticket;

describe('renderer ticket store', () => {
  beforeEach(() => useTickets.getState().applySnapshot({ seq: 5, tickets: [ticket('a')], status, screen }));

  it('applies deltas in sequence and reports a gap instead of applying it', () => {
    const store = useTickets.getState();
    expect(store.applyDelta({ seq: 6, upserts: [ticket('b')], removes: ['a'] })).toBe(true);
    expect(Object.keys(useTickets.getState().tickets)).toEqual(['b']);
    expect(useTickets.getState().applyDelta({ seq: 8, upserts: [ticket('c')], removes: [] })).toBe(false);
    expect(useTickets.getState().seq).toBe(6);
    expect(Object.keys(useTickets.getState().tickets)).toEqual(['b']);
  });

  it('sorts rush tickets first, then by fire time', () => {
    const sorted = sortedTickets({
      x: ticket('x', 'NORMAL', '2026-11-22T11:00:00.000Z'),
      y: ticket('y', 'RUSH', '2026-11-22T12:30:00.000Z'),
      z: ticket('z', 'NORMAL', '2026-11-22T10:00:00.000Z'),
    });
    expect(sorted.map((t) => t.orderId)).toEqual(['y', 'z', 'x']);
  });
});
