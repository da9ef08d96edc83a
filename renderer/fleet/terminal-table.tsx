import type { FleetTerminal } from '../../shared/fleet';
import { age, count } from './format';
import { StatusBadge } from './status-badge';

/** Worst first, whatever order the answer came in; ties keep the service's order (stable sort). */
export function byTrouble(terminals: readonly FleetTerminal[]): FleetTerminal[] {
  return [...terminals].sort((a, b) => b.trouble - a.trouble);
}

/** Zero is the normal case: only figures that need a look are emphasised, so the eye goes to them. */
const figure = (value: number | null | undefined, unknown = '—') => (
  <td className={value ? 'num num--attention' : 'num'}>{count(value, unknown)}</td>
);

interface RowProps {
  terminal: FleetTerminal;
  selected: boolean;
  compact: boolean;
  onOpen: (key: string) => void;
}

function Row({ terminal, selected, compact, onOpen }: RowProps) {
  const health = terminal.health;
  return (
    <tr
      className={selected ? 'terminal terminal--selected' : 'terminal'}
      data-key={terminal.key}
      data-status={terminal.status}
      // The whole row is a target for the mouse; keyboard users have the name's button.
      onClick={() => onOpen(terminal.key)}
    >
      <td>
        <StatusBadge status={terminal.status} />
      </td>
      <td className="terminal__name">
        <button
          type="button"
          className="link"
          aria-label={`Details of ${terminal.key}`}
          onClick={(event) => {
            event.stopPropagation();
            onOpen(terminal.key);
          }}
        >
          <span className="terminal__merchant">{terminal.merchantId}</span>
          <span className="terminal__id">{terminal.terminalId}</span>
        </button>
      </td>
      <td className="terminal__problems">
        {terminal.problems.length === 0 ? (
          <span className="muted">No problems</span>
        ) : (
          <ul>
            {terminal.problems.map((problem) => (
              <li key={problem}>{problem}</li>
            ))}
          </ul>
        )}
      </td>
      {figure(health ? health.lag.total : null, health ? 'unknown' : '—')}
      {!compact && figure(health?.outbox.pending)}
      {!compact && figure(health?.deadLetters.count)}
      {!compact && figure(terminal.unseenOrders)}
      <td className="num">{age(terminal.secondsSinceHealth)}</td>
      {!compact && <td className="terminal__version">{health?.version ?? '—'}</td>}
    </tr>
  );
}

/**
 * The fleet's terminals as a table a support person works down from the top; a click opens one.
 * Compact beside an opened terminal: outbox, dead letters, unseen orders and version are in the
 * details, and the problems keep room to be read as sentences.
 */
export function TerminalTable({
  terminals,
  selected,
  compact,
  onOpen,
}: {
  terminals: readonly FleetTerminal[];
  selected: string | null;
  compact: boolean;
  onOpen: (key: string) => void;
}) {
  if (terminals.length === 0) return <p className="empty">No terminals have reported yet.</p>;
  return (
    <table className="terminals" aria-label="Terminals, worst first">
      <thead>
        <tr>
          <th scope="col">Status</th>
          <th scope="col">Merchant / terminal</th>
          <th scope="col">Problems</th>
          <th scope="col" className="num">
            Lag
          </th>
          {!compact && (
            <>
              <th scope="col" className="num">
                Outbox
              </th>
              <th scope="col" className="num">
                Dead letters
              </th>
              <th scope="col" className="num">
                Unseen orders
              </th>
            </>
          )}
          <th scope="col" className="num">
            Last health
          </th>
          {!compact && <th scope="col">Version</th>}
        </tr>
      </thead>
      <tbody>
        {byTrouble(terminals).map((terminal) => (
          <Row key={terminal.key} terminal={terminal} selected={terminal.key === selected} compact={compact} onOpen={onOpen} />
        ))}
      </tbody>
    </table>
  );
}
