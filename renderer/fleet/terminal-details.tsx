import { useEffect, useRef } from 'react';
import { fetchTerminal } from './fleet-client';
import { FailureBanner } from './failure-banner';
import { clockTime } from './format';
import { HealthFigures } from './health-figures';
import { HistoryCharts } from './history-charts';
import { StatusBadge } from './status-badge';
import { usePolled } from './use-polled';

/** One terminal opened from the list: every figure of its health record and its last hour, refreshed like the list. */
export function TerminalDetails({ token, terminalKey, onClose }: { token: string; terminalKey: string; onClose: () => void }) {
  const detail = usePolled(terminalKey, (signal) => fetchTerminal(token, terminalKey, signal));
  const closeButton = useRef<HTMLButtonElement>(null);
  // Focus moves into the panel so a keyboard user is where the details are, and Escape closes it.
  useEffect(() => closeButton.current?.focus(), [terminalKey]);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => event.key === 'Escape' && onClose();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);

  const terminal = detail.data?.terminal;
  return (
    <aside className="details" role="dialog" aria-label={`Terminal ${terminalKey}`}>
      <header className="details__head">
        <h2 className={detail.failure ? 'stale' : undefined}>
          {terminal && <StatusBadge status={terminal.status} />} <span className="details__key">{terminalKey}</span>
        </h2>
        <span className="muted">{detail.receivedAt !== null && detail.failure === null && `Updated ${clockTime(detail.receivedAt)}`}</span>
        <button type="button" className="button" ref={closeButton} onClick={onClose}>
          Close
        </button>
      </header>
      {detail.failure && <FailureBanner failure={detail.failure} receivedAt={detail.receivedAt} />}
      {!detail.data && !detail.failure && <p className="muted">Loading…</p>}
      {detail.data && (
        <div className={detail.failure ? 'details__body stale' : 'details__body'} data-stale={detail.failure !== null}>
          {detail.data.terminal.problems.length > 0 && (
            <ul className="details__problems" aria-label="Problems">
              {detail.data.terminal.problems.map((problem) => (
                <li key={problem}>{problem}</li>
              ))}
            </ul>
          )}
          <h3 className="details__section">Last hour</h3>
          <HistoryCharts history={detail.data.history} />
          <HealthFigures terminal={detail.data.terminal} />
        </div>
      )}
    </aside>
  );
}
