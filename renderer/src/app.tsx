import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Command, DeadLetterView, Result } from '../../shared/app-api';
import type { PrepQuote } from '../../shared/prep-quote';
import type { SettingsView } from '../../shared/settings';
import { AcceptPanel } from './accept-panel';
import { AllDayPanel } from './all-day';
import { CoreClient } from './core-client';
import type { PeerActions } from './kitchen-peers';
import { Diagnostics } from './diagnostics';
import { EightySixDialog } from './eighty-six-dialog';
import { itemKey, sameOrNewItemSet, stillOut } from './eighty-six';
import type { Link } from './link';
import { useHeldItemChime, useNewTicketSound } from './new-ticket-sound';
import { forStation, stationsOf } from './station-filter';
import { StatusBar } from './status-bar';
import { TicketCard } from './ticket-card';
import { sortedTickets, useTickets } from './ticket-store';
import { useNow } from './use-now';
import { startScreenSync } from './screen-sync';
import { rememberPairingCode } from './screen-session';
import { SettingsDialog, SetupScreen, type SettingsApi } from './settings-screen';
import { Reports } from './reports';
import { RefusalToast } from './refusal-toast';
import { sendTap } from './send-tap';
import { placeRefusals, useTapRefusals } from './tap-refusals';
import { RejectPanel } from './reject-panel';
import { createShownReporter, useReportShown } from './shown-reporter';
import type { AnswerMode } from './ticket-answer';
import { useLanguage } from './language';
import { useTextSize } from './text-size';
import { useWaitingChime } from './waiting-chime';
import { waitingFirst } from './waiting-orders';

const notConnected = { ok: false, error: 'not connected' } as const;

/** The kitchen screen over a link to its terminal (Electron IPC, or the web host's WebSocket once paired). */
export function App({ connect }: { connect: () => Link }) {
  const client = useRef<CoreClient | null>(null);
  const { tickets, status, connected, screen, arrivals } = useTickets();
  const [station, setStation] = useState<string | null>(null);
  const [selected, setSelected] = useState(0);
  const [diagnostics, setDiagnostics] = useState(false);
  const [textSize, setTextSize] = useTextSize();
  const [language, setLanguage] = useLanguage();
  const { t } = useTranslation();
  const [settingsOpen, setSettingsOpen] = useState(false);
  const [reportsOpen, setReportsOpen] = useState(false);
  /** Set while the terminal does not run: on its first start, or when its configuration cannot be used. */
  const [setup, setSetup] = useState<SettingsView | null>(null);
  /** The order whose Accept or Reject panel is open. */
  const [answering, setAnswering] = useState<{ orderId: string; mode: AnswerMode } | null>(null);
  /** The item a cook asked to 86 (long press on a line, or the all-day panel). */
  const [eightySix, setEightySix] = useState<string | null>(null);
  const now = useNow();
  useNewTicketSound(arrivals, screen.sound);
  const settingsApi = useMemo<SettingsApi>(
    () => ({
      view: (pin) => client.current?.request('settings', pin === undefined ? {} : { pin }) ?? Promise.resolve(notConnected),
      test: (settings, pin) => client.current?.request('testSettings', { settings, pin }) ?? Promise.resolve(notConnected),
      save: (settings, pin) => client.current?.request('saveSettings', { settings, pin }) ?? Promise.resolve(notConnected),
    }),
    [],
  );
  const reportsApi = useMemo(
    () => ({
      speed: {
        figures: (day: string) => client.current?.request('speedOfService', { day }) ?? Promise.resolve(notConnected),
        csv: (day: string) => client.current?.request('speedOfServiceCsv', { day }) ?? Promise.resolve(notConnected),
      },
      audit: {
        search: (query: string) => client.current?.request('auditSearch', { query }) ?? Promise.resolve(notConnected),
        timeline: (orderId: string) => client.current?.request('auditTimeline', { orderId }) ?? Promise.resolve(notConnected),
      },
    }),
    [],
  );
  const peerActions = useMemo<PeerActions>(
    () => ({
      list: () => client.current?.request('kitchenPeers', undefined) ?? Promise.resolve(notConnected),
      showCode: (pin) => client.current?.request('peerPairingCode', { pin }) ?? Promise.resolve(notConnected),
      pair: (url, code, pin) => client.current?.request('pairPeer', { url, code, pin }) ?? Promise.resolve(notConnected),
      unpair: (terminalId, pin) => client.current?.request('unpairPeer', { terminalId, pin }) ?? Promise.resolve(notConnected),
    }),
    [],
  );
  const checkSetup = useCallback(() => {
    void settingsApi.view().then((result) => {
      if (result.ok) setSetup(!result.value.configured || result.value.problem !== null ? result.value : null);
    });
  }, [settingsApi]);
  useEffect(() => {
    const link = connect();
    client.current = new CoreClient(link);
    const offConnection = link.onConnection((connected) => connected && checkSetup());
    startScreenSync(link, client.current);
    return () => {
      offConnection();
      link.stop?.();
    };
  }, [connect, checkSetup]);
  const all = useMemo(() => waitingFirst(sortedTickets(tickets)), [tickets]);
  const stations = useMemo(() => stationsOf(all), [all]);
  // A chosen station whose tickets are all gone falls back to every station (its button is gone too).
  const activeStation = station !== null && stations.includes(station) ? station : null;
  const shown = useMemo(() => forStation(all, activeStation), [all, activeStation]);
  useHeldItemChime(shown, now, screen.sound);
  useWaitingChime(shown, now, screen.sound, answering?.orderId ?? null);
  const shownIds = useMemo(() => shown.map((ticket) => ticket.orderId), [shown]);
  const shownReporter = useMemo(
    () =>
      createShownReporter({
        send: async (orderIds) => (await client.current?.request('ticketsShown', { orderIds }))?.ok ?? false,
      }),
    [],
  );
  useEffect(() => shownReporter.stop, [shownReporter]);
  useReportShown(shownIds, shownReporter);
  const unavailable = useMemo(() => stillOut(status?.kitchen.unavailableItems ?? [], now), [status, now]);
  const lastOutItems = useRef<ReadonlySet<string> | null>(null);
  const outItems = useMemo(
    () => (lastOutItems.current = status ? sameOrNewItemSet(lastOutItems.current, unavailable) : null),
    [status, unavailable],
  );
  // Every answer to a tap other than success is shown (refusal-toast.tsx): a tap never does nothing silently.
  const send = useCallback(
    (command: Command): Promise<boolean> =>
      sendTap(command, {
        request: () => client.current?.request('execute', command),
        report: useTapRefusals.getState().report,
        dismiss: useTapRefusals.getState().dismiss,
        ticketLabel: (orderId) => useTickets.getState().tickets[orderId]?.displayNumber,
      }),
    [],
  );
  const onAnswer = useCallback((orderId: string, mode: AnswerMode) => setAnswering({ orderId, mode }), []);
  const closeAnswer = useCallback(() => setAnswering(null), []);
  const closeEightySix = useCallback(() => setEightySix(null), []);
  const loadQuote = useCallback(
    (orderId: string): Promise<Result<PrepQuote>> => client.current?.request('prepQuote', { orderId }) ?? Promise.resolve(notConnected),
    [],
  );
  // The panel answers for the whole order, every line of it, whatever station this screen shows.
  const answeringTicket = answering ? tickets[answering.orderId] : undefined;
  const answerGone = answering !== null && !answeringTicket?.acceptance;
  // A ticket bumped or taken away while its panel is open closes the panel; it must not open again if the order comes back.
  useEffect(() => {
    if (answerGone) setAnswering(null);
  }, [answerGone]);
  const refusals = useTapRefusals((state) => state.refusals);
  const placedRefusals = useMemo(() => placeRefusals(refusals, new Set(shown.map((ticket) => ticket.orderId))), [refusals, shown]);
  const loadDeadLetters = useCallback(
    (): Promise<Result<DeadLetterView[]>> =>
      client.current?.request('deadLetters') ?? Promise.resolve({ ok: false, error: 'not connected' }),
    [],
  );

  // Bump bar / keyboard: arrows select, Enter or B bumps, S starts, R recalls, Page keys scroll.
  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      // An open panel (accept, reject, 86, pause) takes the keys: Enter there must never bump a ticket.
      if (document.querySelector('[aria-modal="true"]')) return;
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

  if (setup) return <SetupScreen view={setup} api={settingsApi} onSaved={checkSetup} />;

  return (
    <main className="app">
      <div className="screen-top">
        <StatusBar
          status={status}
          screen={screen}
          connected={connected}
          count={shown.length}
          now={now}
          onRecall={() => send({ type: 'RECALL_LAST' })}
          onDiagnostics={() => setDiagnostics(true)}
          onReports={() => setReportsOpen(true)}
          send={send}
        />
        {placedRefusals.top && <RefusalToast refusal={placedRefusals.top} place="top" />}
      </div>
      {stations.length > 1 && (
        <nav className="stations" aria-label={t('aria.stations')}>
          {[null, ...stations].map((name) => (
            <button
              type="button"
              key={name ?? 'all'}
              className={`station ${activeStation === name ? 'station--active' : ''}`}
              aria-pressed={activeStation === name}
              onClick={() => setStation(name)}
            >
              {name ?? t('screen.allStations')}
            </button>
          ))}
        </nav>
      )}
      <div className="board">
        {shown.length === 0 ? (
          <section className="tickets tickets--empty" aria-label={t('aria.tickets')}>
            <p className="empty">{t('screen.noTickets')}</p>
          </section>
        ) : (
          <section className="tickets" aria-label={t('aria.tickets')}>
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
                terminalId={screen.terminalId}
                onAnswer={onAnswer}
                onEightySix={setEightySix}
                outItems={outItems}
                refusal={placedRefusals.onTickets.get(ticket.orderId)}
              />
            ))}
          </section>
        )}
        <AllDayPanel tickets={shown} unavailable={unavailable} onEightySix={setEightySix} send={send} />
      </div>
      {answering && answeringTicket?.acceptance && answering.mode === 'accept' && (
        <AcceptPanel ticket={answeringTicket} now={now} loadQuote={loadQuote} send={send} onClose={closeAnswer} />
      )}
      {answering && answeringTicket?.acceptance && answering.mode === 'reject' && (
        <RejectPanel ticket={answeringTicket} send={send} onClose={closeAnswer} />
      )}
      {eightySix !== null && (
        <EightySixDialog
          item={eightySix}
          until={unavailable.find((entry) => itemKey(entry.item) === itemKey(eightySix))?.until}
          send={send}
          onClose={closeEightySix}
        />
      )}
      {diagnostics && status && (
        <Diagnostics
          status={status}
          loadDeadLetters={loadDeadLetters}
          onAcknowledgeNotices={(uptoId) => void client.current?.request('acknowledgeNotices', { uptoId })}
          onReplay={(since, pin) => client.current?.request('replayOrders', { since, pin }) ?? Promise.resolve(notConnected)}
          onPair={(scope) => client.current?.request('pairScreen', { scope }) ?? Promise.resolve({ ok: false, error: 'not connected' })}
          onRotate={async (pin) => {
            const result = (await client.current?.request('rotateScreenAccess', { pin })) ?? { ok: false, error: 'not connected' };
            // A browser screen is unpaired by its own rotation too: it pairs itself again with the fresh code.
            if (result.ok) rememberPairingCode(result.value.code);
            return result;
          }}
          onListScreens={(pin) => client.current?.request('pairedScreens', { pin }) ?? Promise.resolve(notConnected)}
          onRevokeScreen={(id, pin) => client.current?.request('revokeScreen', { id, pin }) ?? Promise.resolve(notConnected)}
          onTestConnection={() => client.current?.request('testConnection', {}) ?? Promise.resolve({ ok: false, error: 'not connected' })}
          peers={peerActions}
          onExport={() => client.current?.request('diagnosticsExport', {}) ?? Promise.resolve({ ok: false, error: 'not connected' })}
          onOpenSettings={() => {
            setDiagnostics(false);
            setSettingsOpen(true);
          }}
          textSize={textSize}
          onTextSize={setTextSize}
          language={language}
          onLanguage={setLanguage}
          onClose={() => setDiagnostics(false)}
        />
      )}
      {reportsOpen && <Reports speed={reportsApi.speed} audit={reportsApi.audit} onClose={() => setReportsOpen(false)} />}
      {settingsOpen && (
        <SettingsDialog
          api={settingsApi}
          onClose={() => {
            setSettingsOpen(false);
            checkSetup();
          }}
        />
      )}
    </main>
  );
}
