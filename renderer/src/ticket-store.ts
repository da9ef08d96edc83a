import { create } from 'zustand';
import type { ScreenSettings, TicketDelta, TicketSnapshot } from '../../shared/app-api';
import type { CoreStatus } from '../../shared/core-status';
import { compareTickets, type Ticket } from '../../shared/ticket';

export interface TicketState {
  seq: number;
  tickets: Record<string, Ticket>;
  status: CoreStatus | null;
  screen: ScreenSettings;
  connected: boolean;
  /** Orders that arrived since the screen loaded, for the new-ticket sound. */
  arrivals: number;
  applySnapshot: (snapshot: TicketSnapshot) => void;
  /** Applies a delta in sequence (an older one is ignored); returns false on a gap (the caller then asks for a snapshot). */
  applyDelta: (delta: TicketDelta) => boolean;
  setStatus: (status: CoreStatus) => void;
  setConnected: (connected: boolean) => void;
}

export const useTickets = create<TicketState>((set, get) => ({
  seq: -1,
  tickets: {},
  status: null,
  screen: { warnMinutes: 5, lateMinutes: 8, terminalId: '', stations: [], sound: true, pausePin: false },
  connected: false,
  arrivals: 0,
  applySnapshot: (snapshot) =>
    set({
      seq: snapshot.seq,
      status: snapshot.status,
      screen: snapshot.screen,
      tickets: Object.fromEntries(snapshot.tickets.map((t) => [t.orderId, t])),
    }),
  applyDelta: (delta) => {
    // Already contained in the snapshot this screen holds (a delta and a snapshot crossed).
    if (delta.seq <= get().seq) return true;
    if (delta.seq !== get().seq + 1) return false;
    const removed = new Set(delta.removes);
    const tickets = Object.fromEntries(Object.entries(get().tickets).filter(([orderId]) => !removed.has(orderId)));
    let arrivals = get().arrivals;
    for (const ticket of delta.upserts) {
      if (!(ticket.orderId in tickets)) arrivals += 1;
      tickets[ticket.orderId] = ticket;
    }
    set({ seq: delta.seq, tickets, arrivals });
    return true;
  },
  setStatus: (status) => set({ status }),
  setConnected: (connected) => set({ connected }),
}));

export function sortedTickets(tickets: Record<string, Ticket>): Ticket[] {
  return Object.values(tickets).sort(compareTickets);
}
