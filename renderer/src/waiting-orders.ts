import type { Ticket } from '../../shared/ticket';

const isWaiting = (ticket: Ticket): boolean => ticket.acceptance?.state === 'WAITING';

/**
 * Orders waiting for the kitchen's answer come first, the nearest deadline first: they are not in
 * the kitchen's queue yet, and the platform gives the kitchen only minutes to answer. The rest keep
 * their order.
 */
export function waitingFirst(tickets: readonly Ticket[]): Ticket[] {
  const waiting = tickets.filter(isWaiting);
  if (waiting.length === 0) return [...tickets];
  waiting.sort((a, b) => (a.acceptance?.acceptBy ?? '').localeCompare(b.acceptance?.acceptBy ?? '') || a.orderId.localeCompare(b.orderId));
  return [...waiting, ...tickets.filter((ticket) => !isWaiting(ticket))];
}

/** Orders on screen still waiting for an answer, other than the one a cook is answering right now. */
export function waitingCount(tickets: readonly Ticket[], answering: string | null): number {
  return tickets.filter((ticket) => isWaiting(ticket) && ticket.orderId !== answering).length;
}
