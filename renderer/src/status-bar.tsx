import { useMemo } from 'react';
import type { Command, ScreenSettings } from '../../shared/app-api';
import type { CoreStatus } from '../../shared/core-status';
import { PRODUCT_NAME } from '../../shared/product';
import { createQuietNote } from './quiet-note';
import { PauseControl } from './pause-control';
import { schemaRegistryLabel } from './registry-label';
import { elapsed } from './use-now';

/** The newest notice in a few words: a recreated topic, or order events lost to retention. */
function noticeLabel(status: CoreStatus): string {
  const lost = status.notices.reduce((sum, n) => sum + (n.lost ?? 0), 0);
  const recreated = status.notices.some((n) => n.kind === 'NEW_LOG');
  const parts = [
    recreated ? 'Orders re-read: topic was recreated' : null,
    lost > 0 ? `${lost} order events lost before they were read` : null,
  ];
  return parts.filter((part) => part !== null).join(' · ');
}

export function StatusBar({
  status,
  screen,
  connected,
  count,
  now,
  onRecall,
  onDiagnostics,
  onReports,
  send,
}: {
  status: CoreStatus | null;
  screen: ScreenSettings;
  connected: boolean;
  count: number;
  now: number;
  onRecall: () => void;
  onDiagnostics: () => void;
  onReports: () => void;
  /** Pause and resume the kitchen: resolves true when the core did it. */
  send: (command: Command) => Promise<boolean>;
}) {
  const pendingNote = useMemo(() => createQuietNote(), []);
  const catchingUpNote = useMemo(() => createQuietNote(), []);
  const online = status?.connection.state === 'online';
  const catchingUp = catchingUpNote.shown(online && (status?.totalLag ?? 0) > 0, false, now);
  let state: { label: string; tone: string };
  if (!connected) state = { label: 'No connection to the kitchen core', tone: 'bad' };
  else if (!status) state = { label: 'Connecting…', tone: 'warn' };
  else if (status.connection.state === 'online')
    state = { label: catchingUp ? `Online — catching up (${status.totalLag} behind)` : 'Online', tone: 'good' };
  else if (status.connection.state === 'refused')
    state = { label: `Refused: ${status.connection.detail ?? 'environment mismatch'}`, tone: 'bad' };
  else if (status.connection.reason)
    state = {
      label: `OFFLINE — ${status.connection.reason === 'credentials' ? "Kafka refused this terminal's password" : "the broker's certificate is not trusted"}: call IT — showing saved tickets`,
      tone: 'bad',
    };
  else state = { label: `OFFLINE for ${elapsed(status.connection.since, now).text} — showing saved tickets`, tone: 'bad' };
  const registry = status ? schemaRegistryLabel(status.schemaRegistry) : null;
  return (
    <header className="status-bar">
      <h1>{PRODUCT_NAME}</h1>
      {screen.terminalId && (
        <span className="status-bar__terminal" title={`Terminal ${screen.terminalId}`}>
          {screen.stations.length > 0 ? screen.stations.join(' · ') : 'Expo — all stations'}
        </span>
      )}
      <span className="status-bar__count">{count} open</span>
      <span className={`status status--${state.tone}`} role="status" title={status?.connection.detail}>
        {state.label}
      </span>
      {status && (
        <PauseControl
          // The core pushes its status on a change, not when a pause runs out: past its end, the screen no longer says paused.
          pausedUntil={
            status.kitchen.pausedUntil !== null && Date.parse(status.kitchen.pausedUntil) > now ? status.kitchen.pausedUntil : null
          }
          pinRequired={screen.pausePin}
          send={send}
        />
      )}
      {status?.consumer.state === 'running' && status.consumer.detail && (
        <span className="status status--bad" role="alert">
          {status.consumer.detail}
        </span>
      )}
      {status && status.notices.length > 0 && (
        <button
          type="button"
          className="status status--bad status-bar__notice"
          role="alert"
          onClick={onDiagnostics}
          title={status.notices.map((n) => n.detail).join('\n')}
        >
          {noticeLabel(status)}
        </button>
      )}
      {status?.clock.largestSkewMs !== null &&
        status?.clock.largestSkewMs !== undefined &&
        Math.abs(status.clock.largestSkewMs) > 60_000 && (
          <span className="status status--warn" title="Ticket times use this terminal's clock where the platform's is off">
            Platform clock {status.clock.largestSkewMs > 0 ? 'ahead' : 'behind'} by{' '}
            {Math.round(Math.abs(status.clock.largestSkewMs) / 60_000)} min
          </span>
        )}
      {status?.storage.fullSince && (
        <span className="status status--bad" role="alert">
          Storage full since {new Date(status.storage.fullSince).toLocaleTimeString()}: new orders and actions are not saved — free disk
          space
        </span>
      )}
      {registry && (
        <span className={`status status--${registry.tone}`} role="alert" title={status?.schemaRegistry?.detail}>
          {registry.label}
        </span>
      )}
      {status && status.warnings.length > 0 && (
        <span className="status status--warn" role="alert" title={status.warnings.join('\n')}>
          Insecure: {status.warnings.length === 1 ? 'Kafka password unencrypted' : `${status.warnings.length} warnings`}
        </span>
      )}
      {status && status.faults.length > 0 && (
        <span className="status status--bad" role="alert" title={status.faults.map((f) => `${f.loop}: ${f.error}`).join('\n')}>
          Terminal fault: {status.faults.map((f) => f.loop).join(', ')} failing since {elapsed(status.faults[0]?.since ?? '', now).text}
        </span>
      )}
      {status && pendingNote.shown(status.outbox.pending > 0, !online, now) && (
        <span
          className="status status--warn"
          aria-live="polite"
          title={`Oldest waiting ${status.outbox.oldestAt ? elapsed(status.outbox.oldestAt, now).text : ''}${status.outbox.lastError ? ` — ${status.outbox.lastError}` : ''}`}
        >
          {status.outbox.pending} {status.outbox.pending === 1 ? 'action' : 'actions'} waiting to send
        </span>
      )}
      {status && (status.retryDepth > 0 || status.deadLetters > 0) && (
        <button type="button" className="status-bar__alerts" onClick={onDiagnostics}>
          {status.retryDepth > 0 && `${status.retryDepth} retrying`} {status.deadLetters > 0 && `${status.deadLetters} failed`}
        </button>
      )}
      <button type="button" className="action action--diagnostics action--reports" onClick={onReports}>
        Reports
      </button>
      <button type="button" className="action action--diagnostics" onClick={onDiagnostics}>
        Diagnostics
      </button>
      <button type="button" className="action action--recall" onClick={onRecall}>
        Recall last
      </button>
    </header>
  );
}
