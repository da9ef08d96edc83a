import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Command, DeadLetterView, Result } from '../../shared/app-api';
import { AllDayPanel } from './all-day';
import { CoreClient } from './core-client';
import { Diagnostics } from './diagnostics';
import type { Link } from './link';
import { useNewTicketSound } from './new-ticket-sound';
import { forStation, stationsOf } from './station-filter';
import { StatusBar } from './status-bar';
import { TicketCard } from './ticket-card';
import { sortedTickets, useTickets } from './ticket-store';
import { useNow } from './use-now';
import { startScreenSync } from './screen-sync';
import { rememberPairingCode } from './screen-session';

/** The kitchen screen over a link to its terminal (Electron IPC, or the web host's WebSocket once paired). */
export function App({ connect }: { connect: () => Link }) {
  const client = useRef<CoreClient | null>(null);
  const { tickets, status, connected, screen, arrivals } = useTickets();
  const [station, setStation] = useState<string | null>(null);
  const [selected, setSelected] = useState(0);
  const [diagnostics, setDiagnostics] = useState(false);
  const now = useNow();
  useNewTicketSound(arrivals);
  useEffect(() => {
    const link = connect();
    client.current = new CoreClient(link);
    startScreenSync(link, client.current);
    return () => link.stop?.();
  }, [connect]);
  const all = useMemo(() => sortedTickets(tickets), [tickets]);
  const stations = useMemo(() => stationsOf(all), [all]);
  // A chosen station whose tickets are all gone falls back to every station (its button is gone too).
  const activeStation = station !== null && stations.includes(station) ? station : null;
  const shown = useMemo(() => forStation(all, activeStation), [all, activeStation]);
  const send = (command: Command): void => void client.current?.request('execute', command);
  const loadDeadLetters = useCallback(
    (): Promise<Result<DeadLetterView[]>> =>
      client.current?.request('deadLetters') ?? Promise.resolve({ ok: false, error: 'not connected' }),
    [],
  );

  // Bump bar / keyboard: arrows select, Enter or B bumps, S starts, R recalls, Page keys scroll.
  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      const current = shown[Math.min(selected, shown.length - 1)];
      if (event.key === 'ArrowRight' || event.key === 'ArrowDown') setSelected((i) => Math.min(i + 1, Math.max(0, shown.length - 1)));
      else if (event.key === 'ArrowLeft' || event.key === 'ArrowUp') setSelected((i) => Math.max(0, i - 1));
      else if ((event.key === 'Enter' || event.key === 'b') && current)
        send(current.status === 'VOID' ? { type: 'ACK_VOID', orderId: current.orderId } : { type: 'BUMP', orderId: current.orderId });
      else if (event.key === 's' && current) send({ type: 'START', orderId: current.orderId });
      else if (event.key === 'r') send({ type: 'RECALL_LAST' });
      else if (event.key === 'PageDown') window.scrollBy({ top: window.innerHeight * 0.8 });
      else if (event.key === 'PageUp') window.scrollBy({ top: -window.innerHeight * 0.8 });
      else return;
      event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  return (
    <main className="app">
      <StatusBar
        status={status}
        screen={screen}
        connected={connected}
        count={shown.length}
        now={now}
        onRecall={() => send({ type: 'RECALL_LAST' })}
        onDiagnostics={() => setDiagnostics(true)}
      />
      {stations.length > 1 && (
        <nav className="stations" aria-label="Stations">
          {[null, ...stations].map((name) => (
            <button
              type="button"
              key={name ?? 'all'}
              className={`station ${activeStation === name ? 'station--active' : ''}`}
              aria-pressed={activeStation === name}
              onClick={() => setStation(name)}
            >
              {name ?? 'All stations'}
            </button>
          ))}
        </nav>
      )}
      <div className="board">
        {shown.length === 0 ? (
          <section className="tickets tickets--empty" aria-label="Tickets">
            <p className="empty">No tickets yet</p>
          </section>
        ) : (
          <section className="tickets" aria-label="Tickets">
            {shown.map((ticket, index) => (
              <TicketCard
                key={ticket.orderId}
                ticket={ticket}
                now={now}
                warnMinutes={screen.warnMinutes}
                lateMinutes={screen.lateMinutes}
                showStations={screen.stations.length === 0}
                selected={index === selected}
                send={send}
              />
            ))}
          </section>
        )}
        <AllDayPanel tickets={shown} />
      </div>
      {diagnostics && status && (
        <Diagnostics
          status={status}
          loadDeadLetters={loadDeadLetters}
          onAcknowledgeNotices={(uptoId) => void client.current?.request('acknowledgeNotices', { uptoId })}
          onReplay={(since, pin) =>
            client.current?.request('replayOrders', { since, pin }) ?? Promise.resolve({ ok: false, error: 'not connected' })
          }
          onPair={() => client.current?.request('pairScreen', {}) ?? Promise.resolve({ ok: false, error: 'not connected' })}
          onRotate={async (pin) => {
            const result = (await client.current?.request('rotateScreenAccess', { pin })) ?? { ok: false, error: 'not connected' };
            // A browser screen is unpaired by its own rotation too: it pairs itself again with the fresh code.
            if (result.ok) rememberPairingCode(result.value.code);
            return result;
          }}
          onTestConnection={() => client.current?.request('testConnection', {}) ?? Promise.resolve({ ok: false, error: 'not connected' })}
          onExport={() => client.current?.request('diagnosticsExport', {}) ?? Promise.resolve({ ok: false, error: 'not connected' })}
          onClose={() => setDiagnostics(false)}
        />
      )}
    </main>
  );
}
