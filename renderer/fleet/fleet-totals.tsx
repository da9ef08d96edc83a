import type { FleetView } from '../../shared/fleet';
import { count } from './format';
import { STATUS_LOOK, STATUS_ORDER } from './status-badge';

/** The fleet at a glance: terminals per status, worst first, and orders no kitchen has shown. Greyed when `stale`, like the list. */
export function FleetTotals({ totals, stale }: { totals: FleetView['totals']; stale: boolean }) {
  return (
    <ul className={stale ? 'totals stale' : 'totals'} aria-label="Terminals by status" data-stale={stale}>
      <li className="total">
        <span className="total__count">{count(totals.terminals)}</span> terminals
      </li>
      {STATUS_ORDER.map((status) => {
        const n = totals.byStatus[status];
        const look = STATUS_LOOK[status];
        return (
          // A status with no terminal is dimmed, not hidden: the row keeps its place and "0 Trouble" is news too.
          <li key={status} className={n > 0 ? `total badge--${status}` : 'total total--none'} data-status={status}>
            <span className="badge__icon" aria-hidden="true">
              {look.icon}
            </span>
            <span className="total__count">{count(n)}</span> {look.word}
          </li>
        );
      })}
      <li className={totals.unseenOrders > 0 ? 'total total--unseen' : 'total total--none'} data-status="unseen">
        <span className="badge__icon" aria-hidden="true">
          ◷
        </span>
        <span className="total__count">{count(totals.unseenOrders)}</span> unseen orders
      </li>
    </ul>
  );
}
