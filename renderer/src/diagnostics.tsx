import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConnectionTest, DeadLetterView, PairedScreen, Pairing, Result, ScreenScope } from '../../shared/app-api';
import type { CoreStatus } from '../../shared/core-status';
import { KitchenPeersPanel, type PeerActions } from './kitchen-peers';
import { ScreenAccessPanel } from './pair-another-screen';
import { TEXT_SIZES, type TextSize } from './text-size';
import { LANGUAGES, type Language } from './i18n';
import { PinField } from './pin-field';
import { saveFile } from './save-file';
import { TopicPartitions } from './topic-partitions';
import { dateTime, numberText, timeWithSeconds } from './i18n/format';

/** What IT staff need when something is wrong: connection, lag per partition, queues, faults, failed records and counters. */
export function Diagnostics({
  status,
  loadDeadLetters,
  onAcknowledgeNotices,
  onReplay,
  onPair,
  onRotate,
  onListScreens,
  onRevokeScreen,
  onExport,
  onTestConnection,
  peers,
  onOpenSettings,
  textSize,
  onTextSize,
  language,
  onLanguage,
  onClose,
}: {
  status: CoreStatus;
  loadDeadLetters: () => Promise<Result<DeadLetterView[]>>;
  onAcknowledgeNotices: (uptoId: number) => void;
  onReplay: (since: string, pin: string) => Promise<Result<{ since: string }>>;
  onPair: (scope: ScreenScope) => Promise<Result<Pairing>>;
  onRotate: (pin: string) => Promise<Result<Pairing>>;
  onListScreens: (pin: string) => Promise<Result<PairedScreen[]>>;
  onRevokeScreen: (id: string, pin: string) => Promise<Result<PairedScreen[]>>;
  onExport: () => Promise<Result<unknown>>;
  onTestConnection: () => Promise<Result<ConnectionTest>>;
  /** The kitchen peers on the LAN (README "One kitchen without the internet"). */
  peers: PeerActions;
  onOpenSettings: () => void;
  /** This screen's text size (kept by this browser; no PIN: it changes nothing but this screen). */
  textSize: TextSize;
  onTextSize: (size: TextSize) => void;
  /** This screen's language (kept by this browser, as the text size). */
  language: Language;
  onLanguage: (language: Language) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [letters, setLetters] = useState<Result<DeadLetterView[]> | null>(null);
  useEffect(() => {
    void loadDeadLetters().then(setLetters);
  }, [loadDeadLetters, status.deadLetters]);
  return (
    <div className="diagnostics" role="dialog" aria-label={t('diag.title')}>
      <h2>{t('diag.title')}</h2>
      <p>
        <button type="button" className="action" onClick={onOpenSettings}>
          {t('diag.settings')}
        </button>
      </p>
      <div className="text-size" role="group" aria-label={t('display.textSizeGroup')}>
        <span>{t('display.textSize')}</span>
        {TEXT_SIZES.map((size) => (
          <button type="button" key={size.id} className="action" aria-pressed={textSize === size.id} onClick={() => onTextSize(size.id)}>
            {t(`display.textSize.${size.id}`)}
          </button>
        ))}
      </div>
      <div className="text-size" role="group" aria-label={t('display.languageGroup')}>
        <span>{t('display.language')}</span>
        {LANGUAGES.map((entry) => (
          <button
            type="button"
            key={entry.id}
            className="action"
            lang={entry.id}
            aria-pressed={language === entry.id}
            onClick={() => onLanguage(entry.id)}
          >
            {entry.name}
          </button>
        ))}
      </div>
      <p>
        {t('diag.broker', { state: t(`diag.connection.${status.connection.state}`), since: dateTime(status.connection.since) })}
        {status.connection.detail ? ` (${status.connection.detail})` : ''} ·{' '}
        {t('diag.consumer', { state: t(`diag.consumer.${status.consumer.state}`) })}
      </p>
      <p>{t('diag.queues', { retrying: status.retryDepth, parked: status.parked, failed: status.deadLetters })}</p>
      <p>
        {t('diag.outbox', { pending: status.outbox.pending })}
        {status.outbox.oldestAt ? ` ${t('diag.outboxOldest', { time: dateTime(status.outbox.oldestAt) })}` : ''}
        {status.outbox.lastError ? ` ${t('diag.outboxError', { error: status.outbox.lastError })}` : ''}
      </p>
      {status.notices.length > 0 && (
        <div className="diagnostics__notices" role="alert">
          <ul>
            {status.notices.map((notice) => (
              <li key={notice.id}>
                {dateTime(notice.at)}: {notice.detail}
              </li>
            ))}
          </ul>
          <button type="button" className="action" onClick={() => onAcknowledgeNotices(status.notices[0]?.id ?? 0)}>
            {t('diag.acknowledge')}
          </button>
        </div>
      )}
      <p>
        {status.log.topic} · {t('diag.cluster', { cluster: status.log.clusterId ?? t('diag.clusterUnseen') })} ·{' '}
        {t('diag.clock', {
          difference:
            status.clock.largestSkewMs === null
              ? t('diag.clockNone')
              : t('diag.clockSkew', {
                  seconds: numberText(status.clock.largestSkewMs / 1000, 1),
                  at: status.clock.at ? dateTime(status.clock.at) : '?',
                }),
        })}
      </p>
      <table>
        <thead>
          <tr>
            <th>{t('diag.partition')}</th>
            <th>{t('diag.logStart')}</th>
            <th>{t('diag.nextOffset')}</th>
            <th>{t('diag.end')}</th>
            <th>{t('diag.behind')}</th>
            <th>{t('diag.lastRecord')}</th>
          </tr>
        </thead>
        <tbody>
          {status.lag.map((p) => (
            <tr key={p.partition}>
              <td>{p.partition}</td>
              <td>{p.logStart ?? '—'}</td>
              <td>{p.nextOffset ?? '—'}</td>
              <td>{p.highWatermark ?? '—'}</td>
              <td>{p.lag ?? '?'}</td>
              <td>{p.lastRecordAt ? timeWithSeconds(p.lastRecordAt) : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {status.warnings.length > 0 && (
        <ul className="diagnostics__faults" aria-label={t('diag.warnings')}>
          {status.warnings.map((warning) => (
            <li key={warning}>{warning}</li>
          ))}
        </ul>
      )}
      {status.faults.length > 0 && (
        <ul className="diagnostics__faults">
          {status.faults.map((fault) => (
            <li key={fault.loop}>{t('diag.fault', { loop: fault.loop, since: dateTime(fault.since), error: fault.error })}</li>
          ))}
        </ul>
      )}
      {letters && !letters.ok && <p>{t('diag.lettersUnreadable', { error: letters.error })}</p>}
      {letters?.ok && letters.value.length > 0 && (
        <table className="diagnostics__failed" aria-label={t('diag.failedRecords')}>
          <thead>
            <tr>
              <th>{t('diag.when')}</th>
              <th>{t('diag.why')}</th>
              <th>{t('diag.where')}</th>
              <th>{t('diag.order')}</th>
              <th>{t('diag.detail')}</th>
            </tr>
          </thead>
          <tbody>
            {letters.value.map((letter) => (
              <tr key={letter.id}>
                <td>{dateTime(letter.createdAt)}</td>
                <td>{letter.reason}</td>
                <td>{letter.topic === null ? '—' : `${letter.topic}[${letter.partition ?? '?'}]@${letter.offset ?? '?'}`}</td>
                <td>{letter.orderId ?? '—'}</td>
                <td>{letter.detail}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <ReplayForm onReplay={onReplay} />
      <ScreenAccessPanel onPair={onPair} onRotate={onRotate} onListScreens={onListScreens} onRevokeScreen={onRevokeScreen} />
      <KitchenPeersPanel configured={status.peers !== undefined} peersNow={JSON.stringify(status.peers ?? null)} actions={peers} />
      <ConnectionTestPanel onTest={onTestConnection} />
      <ExportButton onExport={onExport} />
      <ul className="diagnostics__counters">
        {Object.entries(status.counters).map(([name, value]) => (
          <li key={name}>
            {name}: {value}
          </li>
        ))}
      </ul>
      <button type="button" className="action" onClick={onClose}>
        {t('sheet.close')}
      </button>
    </div>
  );
}

/** Support's repair: re-read the orders topic from a time (PIN-protected; idempotent). */
function ReplayForm({ onReplay }: { onReplay: (since: string, pin: string) => Promise<Result<{ since: string }>> }) {
  const hourAgo = new Date(Date.now() - 3_600_000 - new Date().getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
  const [since, setSince] = useState(hourAgo);
  const [pin, setPin] = useState('');
  const [outcome, setOutcome] = useState<string | null>(null);
  const { t } = useTranslation();
  const submit = (event: React.FormEvent): void => {
    event.preventDefault();
    void onReplay(new Date(since).toISOString(), pin).then((result) => {
      setPin('');
      setOutcome(result.ok ? t('diag.replay.started', { time: dateTime(result.value.since) }) : result.error);
    });
  };
  return (
    <form className="diagnostics__replay" onSubmit={submit} aria-label={t('diag.replay.title')}>
      <label>
        {t('diag.replay.from')} <input type="datetime-local" value={since} onChange={(e) => setSince(e.target.value)} required />
      </label>
      <PinField pin={pin} onChange={setPin} />
      <button type="submit" className="action">
        {t('diag.replay.submit')}
      </button>
      {outcome && <span role="status">{outcome}</span>}
    </form>
  );
}

/** Saves what support needs (no secrets: the core leaves them out) as a JSON file. */
function ExportButton({ onExport }: { onExport: () => Promise<Result<unknown>> }) {
  const [problem, setProblem] = useState<string | null>(null);
  const { t } = useTranslation();
  const save = (): void => {
    void onExport().then((result) => {
      if (!result.ok) return setProblem(result.error);
      setProblem(null);
      const fileName = `kds-diagnostics-${new Date().toISOString().replace(/[:.]/g, '-')}.json`;
      saveFile(fileName, JSON.stringify(result.value, null, 2), 'application/json');
    });
  };
  return (
    <p>
      <button type="button" className="action" onClick={save}>
        {t('diag.export')}
      </button>
      {problem && <span role="alert">{problem}</span>}
    </p>
  );
}

/** Reaches the cluster now and says what answered: its id (to pin), the brokers, this terminal's topics. */
function ConnectionTestPanel({ onTest }: { onTest: () => Promise<Result<ConnectionTest>> }) {
  const [result, setResult] = useState<Result<ConnectionTest> | null>(null);
  const [testing, setTesting] = useState(false);
  const { t } = useTranslation();
  const test = (): void => {
    setTesting(true);
    void onTest().then((outcome) => {
      setTesting(false);
      setResult(outcome);
    });
  };
  return (
    <section className="diagnostics__connection" aria-label={t('diag.test.title')}>
      <button type="button" className="action" onClick={test} disabled={testing}>
        {testing ? t('diag.test.testing') : t('diag.test.run')}
      </button>
      {result && !result.ok && <p role="alert">{t('diag.test.cannot', { error: result.error })}</p>}
      {result?.ok && (
        <div role="status">
          <p>
            {t('diag.test.connected', { ms: result.value.roundTripMs })} <code>{result.value.clusterId}</code>{' '}
            {t('diag.test.brokers', { count: result.value.brokers })}{' '}
            {result.value.expectedClusterId === null
              ? t('diag.test.pinIt')
              : result.value.expectedClusterId === result.value.clusterId
                ? t('diag.test.pinned')
                : t('diag.test.notPinned', { cluster: result.value.expectedClusterId })}
          </p>
          <TopicPartitions topics={result.value.topics} />
        </div>
      )}
    </section>
  );
}
