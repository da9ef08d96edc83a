import type { Tx } from '../store/storage';
import { shownDecision } from './kitchen-signals';
import { ownEvent, queueOwnEvent, type Actor } from './own-event';

export interface RenderingTerminal extends Actor {
  /** Empty: expo, which shows the whole ticket. */
  stations: readonly string[];
}

/**
 * A screen painted these tickets: for each order and each of this terminal's parts of it (its
 * stations with lines on it, or expo's whole ticket) not claimed before, a TICKET_RENDERED
 * claim. The first claim in the topic's order becomes the kitchen's TICKET_SHOWN
 * (kitchen-signals.ts). Returns how many claims were made.
 */
export function claimRendered(tx: Tx, terminal: RenderingTerminal, orderIds: readonly string[], now: number): number {
  let claimed = 0;
  for (const orderId of new Set(orderIds)) {
    const order = tx.orders.get(orderId);
    if (!order?.snapshot) continue;
    const onOrder = new Set(order.snapshot.items.map((item) => item.station));
    const parts = terminal.stations.length === 0 ? [undefined] : terminal.stations.filter((station) => onOrder.has(station));
    for (const station of parts) {
      const decision = shownDecision(station);
      if (tx.answers.claimedOrDecided(orderId, decision)) continue;
      const event = ownEvent(terminal, { type: 'TICKET_RENDERED', orderId, station }, new Date(now).toISOString());
      tx.answers.claim(orderId, decision, event.eventId);
      queueOwnEvent(tx, event, now);
      claimed += 1;
    }
  }
  return claimed;
}
