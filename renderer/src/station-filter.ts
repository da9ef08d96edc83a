import type { Ticket } from '../../shared/ticket';

/** A station's view: only its lines, and only tickets that have some (voids always show). */
export function forStation(tickets: Ticket[], station: string | null): Ticket[] {
  if (station === null) return tickets;
  return tickets
    .map((ticket) => ({ ...ticket, items: ticket.items.filter((item) => item.station === station) }))
    .filter((ticket) => ticket.items.length > 0 || ticket.status === 'VOID');
}

export function stationsOf(tickets: Ticket[]): string[] {
  return [...new Set(tickets.flatMap((ticket) => ticket.items.map((item) => item.station)))].sort();
}
