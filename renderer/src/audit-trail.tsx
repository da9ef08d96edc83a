import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Result } from '../../shared/app-api';
import { toCsv } from '../../shared/csv';
import type { AuditMatch, AuditTimeline } from '../../shared/reports';
import { dateOnly, timeWithSeconds } from './i18n/format';
import { saveFile } from './save-file';

export interface AuditApi {
  search: (query: string) => Promise<Result<AuditMatch[]>>;
  timeline: (orderId: string) => Promise<Result<AuditTimeline>>;
}

const when = (iso: string) => `${dateOnly(iso)} ${timeWithSeconds(iso, true)}`;

/** An order's life on this kitchen's screens, found by its display number, in order, exportable as CSV. */
export function AuditTrailPanel({ api }: { api: AuditApi }) {
  const [query, setQuery] = useState('');
  const [matches, setMatches] = useState<Result<AuditMatch[]> | null>(null);
  const [timeline, setTimeline] = useState<Result<AuditTimeline> | null>(null);
  const { t } = useTranslation();
  const open = (orderId: string) => void api.timeline(orderId).then(setTimeline);
  const search = (event: FormEvent) => {
    event.preventDefault();
    if (query.trim() === '') return;
    setTimeline(null);
    void api.search(query.trim()).then((found) => {
      setMatches(found);
      if (found.ok && found.value.length === 1 && found.value[0]) open(found.value[0].orderId);
    });
  };
  const exportCsv = (trail: AuditTimeline) => {
    const rows = trail.entries.map((e) => [e.at, e.kind, e.label, e.terminalId, e.station, e.detail, e.arrivedAt]);
    const csv = toCsv(['at', 'kind', 'what', 'terminal', 'station', 'detail', 'reached_this_terminal_at'], rows);
    saveFile(`kds-audit-${trail.order.displayNumber}-${trail.order.orderId}.csv`.replace(/[^\w.-]/g, '_'), csv, 'text/csv');
  };
  return (
    <section className="audit" aria-label={t('reports.audit')}>
      <form className="audit__search" onSubmit={search} role="search">
        <label>
          {t('audit.number')}{' '}
          <input value={query} onChange={(event) => setQuery(event.target.value)} placeholder={t('audit.example')} maxLength={128} />
        </label>
        <button type="submit" className="action">
          {t('audit.find')}
        </button>
      </form>
      {matches && !matches.ok && <p role="alert">{matches.error}</p>}
      {matches?.ok && matches.value.length === 0 && <p>{t('audit.noMatch')}</p>}
      {matches?.ok && matches.value.length > 1 && (
        <ul className="audit__matches" aria-label={t('audit.found')}>
          {matches.value.map((match) => (
            <li key={match.orderId}>
              <button type="button" className="action" onClick={() => open(match.orderId)}>
                {match.displayNumber} · {match.placedAt ? when(match.placedAt) : t('audit.timeUnknown')} · {match.status.toLowerCase()}
              </button>
            </li>
          ))}
        </ul>
      )}
      {timeline && !timeline.ok && <p role="alert">{timeline.error}</p>}
      {timeline?.ok && (
        <>
          <h3>
            {t('audit.ticket', { number: timeline.value.order.displayNumber })}{' '}
            <span className="audit__id">({timeline.value.order.orderId})</span>{' '}
            <button type="button" className="action" onClick={() => exportCsv(timeline.value)}>
              {t('reports.exportCsv')}
            </button>
          </h3>
          <table className="audit__timeline" aria-label={t('audit.timeline')}>
            <thead>
              <tr>
                <th>{t('diag.when')}</th>
                <th>{t('audit.what')}</th>
                <th>{t('audit.terminal')}</th>
                <th>{t('quote.station')}</th>
                <th>{t('diag.detail')}</th>
              </tr>
            </thead>
            <tbody>
              {timeline.value.entries.map((entry, index) => (
                <tr key={`${entry.at}-${index}`} data-kind={entry.kind}>
                  <td>{when(entry.at)}</td>
                  <td>{entry.label}</td>
                  <td>{entry.terminalId ?? t('audit.platform')}</td>
                  <td>{entry.station ?? (entry.kind.startsWith('TICKET_') ? t('audit.wholeTicket') : '')}</td>
                  <td>
                    {entry.detail}
                    {entry.detail && entry.arrivedAt && <br />}
                    {entry.arrivedAt && t('audit.reached', { time: when(entry.arrivedAt) })}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
