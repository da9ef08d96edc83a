import type { TicketDelta } from '../../shared/app-api';
import type { CoreClient } from './core-client';
import type { Link } from './link';
import { useTickets } from './ticket-store';

/**
 * Keeps the screen's store equal to the core's ticket stream: a snapshot on every (re)connection
 * and after any gap, then ordered deltas and status pushes. Deltas that arrive while a snapshot
 * is on its way are held and applied after it (no transport promises to order the two). The
 * same for every link.
 */
export function startScreenSync(link: Link, client: CoreClient): void {
  let resyncing = false;
  let held: TicketDelta[] = [];
  const apply = (delta: TicketDelta): void => {
    if (resyncing) held.push(delta);
    else if (!useTickets.getState().applyDelta(delta)) resync();
  };
  const resync = (): void => {
    if (resyncing) return;
    resyncing = true;
    held = [];
    void client.request('snapshot').then((result) => {
      resyncing = false;
      if (!result.ok) return;
      useTickets.getState().applySnapshot(result.value);
      const waiting = held.sort((a, b) => a.seq - b.seq);
      held = [];
      waiting.forEach(apply);
    });
  };
  link.onConnection((connected) => {
    useTickets.getState().setConnected(connected);
    if (connected) resync();
  });
  client.on('delta', apply, resync);
  client.on('status', (status) => useTickets.getState().setStatus(status));
  link.start();
}
