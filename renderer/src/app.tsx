import { useEffect, useMemo, useRef } from 'react';
import type { Command } from '../../shared/app-api';
import { CoreConnection, webSocketUrl } from './connection';
import { StatusBar } from './status-bar';
import { TicketCard } from './ticket-card';
import { sortedTickets, useTickets } from './ticket-store';
import { useNow } from './use-now';

const WARN_MINUTES = 5;
const LATE_MINUTES = 8;

export function App() {
  const connection = useRef<CoreConnection | null>(null);
  const { tickets, status, connected } = useTickets();
  const now = useNow();
  useEffect(() => {
    const link = new CoreConnection(webSocketUrl(window.location));
    connection.current = link;
    link.start();
  }, []);
  const ordered = useMemo(() => sortedTickets(tickets), [tickets]);
  const send = (command: Command): void => void connection.current?.send(command);
  return (
    <main className="app">
      <StatusBar status={status} connected={connected} count={ordered.length} now={now} onRecall={() => send({ type: 'RECALL_LAST' })} />
      {ordered.length === 0 ? (
        <section className="tickets tickets--empty" aria-label="Tickets">
          <p className="empty">No tickets yet</p>
        </section>
      ) : (
        <section className="tickets" aria-label="Tickets">
          {ordered.map((ticket) => (
            <TicketCard key={ticket.orderId} ticket={ticket} now={now} warnMinutes={WARN_MINUTES} lateMinutes={LATE_MINUTES} send={send} />
          ))}
        </section>
      )}
    </main>
  );
}
