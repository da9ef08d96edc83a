import { create } from 'zustand';
import type { TicketDelta, TicketSnapshot } from '../../shared/app-api';
import type { CoreStatus } from '../../shared/core-status';
import type { Ticket } from '../../shared/ticket';

export interface TicketState {
  seq: number;
  tickets: Record<string, Ticket>;
  status: CoreStatus | null;
  connected: boolean;
  applySnapshot: (snapshot: TicketSnapshot) => void;
  /** Applies a delta in sequence; returns false on a gap (the caller then asks for a snapshot). */
  applyDelta: (delta: TicketDelta) => boolean;
  setStatus: (status: CoreStatus) => void;
  setConnected: (connected: boolean) => void;
}

export const useTickets = create<TicketState>((set, get) => ({
  seq: -1,
  tickets: {},
  status: null,
  connected: false,
  applySnapshot: (snapshot) =>
    set({ seq: snapshot.seq, status: snapshot.status, tickets: Object.fromEntries(snapshot.tickets.map((t) => [t.orderId, t])) }),
  applyDelta: (delta) => {
    if (delta.seq !== get().seq + 1) return false;
    const removed = new Set(delta.removes);
    const tickets = Object.fromEntries(Object.entries(get().tickets).filter(([orderId]) => !removed.has(orderId)));
    for (const ticket of delta.upserts) tickets[ticket.orderId] = ticket;
    set({ seq: delta.seq, tickets });
    return true;
  },
  setStatus: (status) => set({ status }),
  setConnected: (connected) => set({ connected }),
}));

export function sortedTickets(tickets: Record<string, Ticket>): Ticket[] {
  return Object.values(tickets).sort((a, b) => {
    if (a.priority !== b.priority) return a.priority === 'RUSH' ? -1 : 1;
    return a.fireAt.localeCompare(b.fireAt) || a.orderId.localeCompare(b.orderId);
  });
}
