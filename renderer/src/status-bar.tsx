import { useMemo } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { timeOfDay } from './i18n/format';
import type { Command, ScreenSettings } from '../../shared/app-api';
import type { CoreStatus } from '../../shared/core-status';
import { PRODUCT_NAME } from '../../shared/product';
import { createQuietNote } from './quiet-note';
import { PauseControl } from './pause-control';
import { schemaRegistryLabel } from './registry-label';
import { elapsed } from './use-now';

/** The newest notice in a few words: a recreated topic, or order events lost to retention. */
function noticeLabel(status: CoreStatus, t: TFunction): string {
  const lost = status.notices.reduce((sum, n) => sum + (n.lost ?? 0), 0);
  const recreated = status.notices.some((n) => n.kind === 'NEW_LOG');
  const parts = [recreated ? t('status.topicRecreated') : null, lost > 0 ? t('status.eventsLost', { count: lost }) : null];
  return parts.filter((part) => part !== null).join(' · ');
}

/**
 * Kafka unreachable: with kitchen peers paired, whether this screen's taps still reach the
 * kitchen's other screens over the LAN (and how many screens agree), or it is alone.
 */
function offlineState(status: CoreStatus, duration: string, t: TFunction): { label: string; tone: string } {
  const peers = status.peers;
  if (!peers || peers.paired === 0) return { label: t('status.offlineFor', { duration }), tone: 'bad' };
  if (peers.reachable === 0) return { label: t('status.offlineAlone', { duration }), tone: 'bad' };
  return { label: t('status.offlineLan', { duration, count: peers.reachable + 1 }), tone: 'warn' };
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
  const { t } = useTranslation();
  const pendingNote = useMemo(() => createQuietNote(), []);
  const catchingUpNote = useMemo(() => createQuietNote(), []);
  const online = status?.connection.state === 'online';
  const catchingUp = catchingUpNote.shown(online && (status?.totalLag ?? 0) > 0, false, now);
  let state: { label: string; tone: string };
  if (!connected) state = { label: t('status.noCore'), tone: 'bad' };
  else if (!status) state = { label: t('status.connecting'), tone: 'warn' };
  else if (status.connection.state === 'online')
    state = { label: catchingUp ? t('status.catchingUp', { count: status.totalLag ?? 0 }) : t('status.online'), tone: 'good' };
  else if (status.connection.state === 'refused')
    state = { label: t('status.refused', { detail: status.connection.detail ?? t('status.environmentMismatch') }), tone: 'bad' };
  else if (status.connection.reason)
    state = {
      label: status.connection.reason === 'credentials' ? t('status.offlineCredentials') : t('status.offlineCertificate'),
      tone: 'bad',
    };
  else state = offlineState(status, elapsed(status.connection.since, now).text, t);
  const registry = status ? schemaRegistryLabel(status.schemaRegistry, t) : null;
  return (
    <header className="status-bar">
      <h1>{PRODUCT_NAME}</h1>
      {screen.terminalId && (
        <span className="status-bar__terminal" title={t('status.terminalTitle', { terminal: screen.terminalId })}>
          {screen.stations.length > 0 ? screen.stations.join(' · ') : t('status.expoAllStations')}
        </span>
      )}
      <span className="status-bar__count">{t('status.open', { count })}</span>
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
          {noticeLabel(status, t)}
        </button>
      )}
      {status?.clock.largestSkewMs !== null &&
        status?.clock.largestSkewMs !== undefined &&
        Math.abs(status.clock.largestSkewMs) > 60_000 && (
          <span className="status status--warn" title={t('status.clockTitle')}>
            {t(status.clock.largestSkewMs > 0 ? 'status.clockAhead' : 'status.clockBehind', {
              minutes: Math.round(Math.abs(status.clock.largestSkewMs) / 60_000),
            })}
          </span>
        )}
      {status?.storage.fullSince && (
        <span className="status status--bad" role="alert">
          {t('status.storageFull', { time: timeOfDay(status.storage.fullSince) })}
        </span>
      )}
      {registry && (
        <span className={`status status--${registry.tone}`} role="alert" title={status?.schemaRegistry?.detail}>
          {registry.label}
        </span>
      )}
      {status && status.warnings.length > 0 && (
        <span className="status status--warn" role="alert" title={status.warnings.join('\n')}>
          {status.warnings.length === 1 ? t('status.insecurePassword') : t('status.insecureWarnings', { count: status.warnings.length })}
        </span>
      )}
      {status && status.faults.length > 0 && (
        <span className="status status--bad" role="alert" title={status.faults.map((f) => `${f.loop}: ${f.error}`).join('\n')}>
          {t('status.fault', {
            loops: status.faults.map((f) => f.loop).join(', '),
            duration: elapsed(status.faults[0]?.since ?? '', now).text,
          })}
        </span>
      )}
      {status && pendingNote.shown(status.outbox.pending > 0, !online, now) && (
        <span
          className="status status--warn"
          aria-live="polite"
          title={`${t('status.oldestWaiting', { duration: status.outbox.oldestAt ? elapsed(status.outbox.oldestAt, now).text : '' })}${status.outbox.lastError ? ` — ${status.outbox.lastError}` : ''}`}
        >
          {t('status.waitingToSend', { count: status.outbox.pending })}
        </span>
      )}
      {status && (status.retryDepth > 0 || status.deadLetters > 0) && (
        <button type="button" className="status-bar__alerts" onClick={onDiagnostics}>
          {status.retryDepth > 0 && t('status.retrying', { count: status.retryDepth })}{' '}
          {status.deadLetters > 0 && t('status.failed', { count: status.deadLetters })}
        </button>
      )}
      <button type="button" className="action action--diagnostics action--reports" onClick={onReports}>
        {t('status.reports')}
      </button>
      <button type="button" className="action action--diagnostics" onClick={onDiagnostics}>
        {t('status.diagnostics')}
      </button>
      <button type="button" className="action action--recall" onClick={onRecall}>
        {t('status.recallLast')}
      </button>
    </header>
  );
}
