import type { ChartConfiguration } from 'chart.js';
import type { TFunction } from 'i18next';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Result } from '../../shared/app-api';
import type { SpeedOfService, TimeFigures } from '../../shared/reports';
import { channelLabel } from './channel-label';
import { ChartCanvas } from './chart-canvas';
import { numberText, timeOfDay, timeWithSeconds } from './i18n/format';
import { saveFile } from './save-file';

export interface SpeedOfServiceApi {
  figures: (day: string) => Promise<Result<SpeedOfService>>;
  csv: (day: string) => Promise<Result<{ fileName: string; csv: string; rows: number }>>;
}

const P50 = '#38bdf8';
const P90 = '#a78bfa';
const WEEK = '#f8fafc';
const WARN = '#facc15';
const LATE = '#ef4444';

/** Seconds as m:ss (or – when there is nothing to measure). */
export function clockTime(seconds: number | null): string {
  if (seconds === null) return '–';
  const whole = Math.round(seconds);
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, '0')}`;
}

export function today(): string {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}

const minutes = (seconds: number | null) => (seconds === null ? null : Math.round((seconds / 60) * 10) / 10);

/** Bars of p50 and p90 (minutes) per group, with the warn and late thresholds drawn across. */
function timesChart(
  labels: string[],
  groups: readonly TimeFigures[],
  figures: SpeedOfService,
  t: TFunction,
  extra: ChartConfiguration<'bar' | 'line'>['data']['datasets'] = [],
): ChartConfiguration<'bar' | 'line'> {
  const threshold = (label: string, value: number, color: string) => ({
    type: 'line' as const,
    label,
    data: labels.map(() => value),
    borderColor: color,
    borderDash: [6, 6],
    borderWidth: 2,
    pointRadius: 0,
  });
  return {
    type: 'bar',
    data: {
      labels,
      datasets: [
        { type: 'bar', label: 'p50', data: groups.map((g) => minutes(g.p50Seconds)), backgroundColor: P50 },
        { type: 'bar', label: 'p90', data: groups.map((g) => minutes(g.p90Seconds)), backgroundColor: P90 },
        ...extra,
        threshold(t('reports.warnLine', { minutes: figures.warnMinutes }), figures.warnMinutes, WARN),
        threshold(t('reports.lateLine', { minutes: figures.lateMinutes }), figures.lateMinutes, LATE),
      ],
    },
    options: {
      locale: document.documentElement.lang || undefined,
      scales: { y: { beginAtZero: true, title: { display: true, text: t('reports.minutesAxis') } } },
      plugins: { legend: { position: 'bottom' } },
    },
  };
}

function Tile({ label, value, week }: { label: string; value: string; week: string }) {
  const { t } = useTranslation();
  return (
    <div className="tile">
      <div className="tile__label">{label}</div>
      <div className="tile__value">{value}</div>
      <div className="tile__week">{t('reports.lastSevenDays', { value: week })}</div>
    </div>
  );
}

/** Speed of service for a day: summary against the 7 days before, charts, late tickets, CSV export. */
export function SpeedOfServicePanel({ api }: { api: SpeedOfServiceApi }) {
  const [day, setDay] = useState(today);
  const [result, setResult] = useState<Result<SpeedOfService> | null>(null);
  const [exportProblem, setExportProblem] = useState<string | null>(null);
  useEffect(() => {
    let current = true;
    setResult(null);
    void api.figures(day).then((answer) => current && setResult(answer));
    return () => {
      current = false;
    };
  }, [api, day]);
  const exportCsv = useCallback(() => {
    void api.csv(day).then((answer) => {
      if (!answer.ok) return setExportProblem(answer.error);
      setExportProblem(null);
      saveFile(answer.value.fileName, answer.value.csv, 'text/csv');
    });
  }, [api, day]);
  const figures = result?.ok ? result.value : null;
  const { t, i18n } = useTranslation();
  // Rebuilt in the screen's language: the charts' words and dates are drawn, not rendered by React.
  const charts = useMemo(() => (figures ? buildCharts(figures, t) : null), [figures, t, i18n.language]);
  return (
    <section className="speed" aria-label={t('reports.speed')}>
      <div className="speed__controls">
        <label>
          {t('reports.day')}{' '}
          <input type="date" value={day} max={today()} onChange={(event) => event.target.value && setDay(event.target.value)} />
        </label>
        <button type="button" className="action" onClick={exportCsv}>
          {t('reports.exportCsv')}
        </button>
        {exportProblem && <span role="alert">{exportProblem}</span>}
      </div>
      {result === null && <p>{t('reports.computing')}</p>}
      {result && !result.ok && <p role="alert">{t('reports.cannotCompute', { error: result.error })}</p>}
      {figures && charts && (
        <>
          <div className="tiles">
            <Tile
              label={t('reports.tickets')}
              value={numberText(figures.today.tickets)}
              week={t('reports.perDay', { value: numberText(Math.round(figures.lastSevenDays.perDay)) })}
            />
            <Tile label={t('reports.p50')} value={clockTime(figures.today.p50Seconds)} week={clockTime(figures.lastSevenDays.p50Seconds)} />
            <Tile label={t('reports.p90')} value={clockTime(figures.today.p90Seconds)} week={clockTime(figures.lastSevenDays.p90Seconds)} />
            <Tile
              label={t('reports.late', { minutes: figures.lateMinutes })}
              value={numberText(figures.today.late)}
              week={t('reports.perDay', { value: numberText(Math.round(figures.lastSevenDays.late / 7)) })}
            />
          </div>
          <div className="charts">
            <figure>
              <figcaption>{t('reports.byHour')}</figcaption>
              <ChartCanvas config={charts.byHour} label={t('reports.byHourLabel')} />
            </figure>
            <figure>
              <figcaption>{t('reports.throughput')}</figcaption>
              <ChartCanvas config={charts.throughput} label={t('reports.throughput')} />
            </figure>
            <figure>
              <figcaption>{t('reports.byStation')}</figcaption>
              <ChartCanvas config={charts.byStation} label={t('reports.byStation')} />
            </figure>
            <figure>
              <figcaption>{t('reports.byChannel')}</figcaption>
              <ChartCanvas config={charts.byChannel} label={t('reports.byChannel')} />
            </figure>
          </div>
          <h3>{t('reports.lateTickets')}</h3>
          {figures.lateTickets.length === 0 ? (
            <p>{t('reports.none')}</p>
          ) : (
            <table className="late-tickets">
              <thead>
                <tr>
                  <th>{t('reports.ticket')}</th>
                  <th>{t('reports.channel')}</th>
                  <th>{t('reports.fired')}</th>
                  <th>{t('reports.bumped')}</th>
                  <th>{t('reports.time')}</th>
                </tr>
              </thead>
              <tbody>
                {figures.lateTickets.map((late) => (
                  <tr key={late.orderId}>
                    <td>{late.displayNumber}</td>
                    <td>{channelLabel(late.channel, t)}</td>
                    <td>{timeWithSeconds(late.firedAt)}</td>
                    <td>{timeWithSeconds(late.bumpedAt)}</td>
                    <td>{clockTime(late.seconds)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <p className="speed__note">{t('reports.note', { days: figures.retentionDays, ms: figures.computedInMs })}</p>
        </>
      )}
    </section>
  );
}

function buildCharts(figures: SpeedOfService, t: TFunction) {
  const hours = figures.byHour.filter((hour) => hour.tickets > 0 || hour.lastSevenDaysP50Seconds !== null);
  const slots = figures.throughput;
  const first = slots.findIndex((slot) => slot.tickets > 0);
  const last = slots.length - 1 - [...slots].reverse().findIndex((slot) => slot.tickets > 0);
  const shown = first < 0 ? [] : slots.slice(first, last + 1);
  const throughput: ChartConfiguration<'bar' | 'line'> = {
    type: 'bar',
    data: {
      labels: shown.map((slot) => timeOfDay(slot.start)),
      datasets: [{ type: 'bar', label: t('reports.ticketsBumped'), data: shown.map((slot) => slot.tickets), backgroundColor: P50 }],
    },
    options: {
      locale: document.documentElement.lang || undefined,
      scales: { y: { beginAtZero: true, ticks: { precision: 0 } } },
      plugins: { legend: { display: false } },
    },
  };
  return {
    byHour: timesChart(
      hours.map((hour) => timeOfDay(new Date(2000, 0, 1, hour.hour).toISOString())),
      hours,
      figures,
      t,
      [
        {
          type: 'line',
          label: t('reports.p50Week'),
          data: hours.map((hour) => minutes(hour.lastSevenDaysP50Seconds)),
          borderColor: WEEK,
          backgroundColor: WEEK,
          borderWidth: 2,
          pointRadius: 3,
        },
      ],
    ),
    byStation: timesChart(
      figures.byStation.map((group) => group.key),
      figures.byStation,
      figures,
      t,
    ),
    byChannel: timesChart(
      figures.byChannel.map((group) => channelLabel(group.key, t)),
      figures.byChannel,
      figures,
      t,
    ),
    throughput,
  };
}
