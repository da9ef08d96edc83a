import type { ChartConfiguration } from 'chart.js';
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { Result } from '../../shared/app-api';
import type { SpeedOfService, TimeFigures } from '../../shared/reports';
import { channelLabel } from './channel-label';
import { ChartCanvas } from './chart-canvas';
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
        threshold(`warn ${figures.warnMinutes} min`, figures.warnMinutes, WARN),
        threshold(`late ${figures.lateMinutes} min`, figures.lateMinutes, LATE),
      ],
    },
    options: {
      scales: { y: { beginAtZero: true, title: { display: true, text: 'minutes' } } },
      plugins: { legend: { position: 'bottom' } },
    },
  };
}

function Tile({ label, value, week }: { label: string; value: string; week: string }) {
  return (
    <div className="tile">
      <div className="tile__label">{label}</div>
      <div className="tile__value">{value}</div>
      <div className="tile__week">last 7 days: {week}</div>
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
  const charts = useMemo(() => (figures ? buildCharts(figures) : null), [figures]);
  return (
    <section className="speed" aria-label="Speed of service">
      <div className="speed__controls">
        <label>
          Day <input type="date" value={day} max={today()} onChange={(event) => event.target.value && setDay(event.target.value)} />
        </label>
        <button type="button" className="action" onClick={exportCsv}>
          Export CSV
        </button>
        {exportProblem && <span role="alert">{exportProblem}</span>}
      </div>
      {result === null && <p>Computing…</p>}
      {result && !result.ok && <p role="alert">Cannot compute the figures: {result.error}</p>}
      {figures && charts && (
        <>
          <div className="tiles">
            <Tile label="Tickets" value={String(figures.today.tickets)} week={`${Math.round(figures.lastSevenDays.perDay)} a day`} />
            <Tile label="p50 ticket time" value={clockTime(figures.today.p50Seconds)} week={clockTime(figures.lastSevenDays.p50Seconds)} />
            <Tile label="p90 ticket time" value={clockTime(figures.today.p90Seconds)} week={clockTime(figures.lastSevenDays.p90Seconds)} />
            <Tile
              label={`Late (over ${figures.lateMinutes} min)`}
              value={String(figures.today.late)}
              week={`${Math.round(figures.lastSevenDays.late / 7)} a day`}
            />
          </div>
          <div className="charts">
            <figure>
              <figcaption>Ticket time by hour</figcaption>
              <ChartCanvas config={charts.byHour} label="Ticket time by hour: p50 and p90 against the last 7 days' p50" />
            </figure>
            <figure>
              <figcaption>Tickets bumped per 15 minutes</figcaption>
              <ChartCanvas config={charts.throughput} label="Tickets bumped per 15 minutes" />
            </figure>
            <figure>
              <figcaption>Ticket time by station</figcaption>
              <ChartCanvas config={charts.byStation} label="Ticket time by station" />
            </figure>
            <figure>
              <figcaption>Ticket time by channel</figcaption>
              <ChartCanvas config={charts.byChannel} label="Ticket time by channel" />
            </figure>
          </div>
          <h3>Late tickets</h3>
          {figures.lateTickets.length === 0 ? (
            <p>None.</p>
          ) : (
            <table className="late-tickets">
              <thead>
                <tr>
                  <th>Ticket</th>
                  <th>Channel</th>
                  <th>Fired</th>
                  <th>Bumped</th>
                  <th>Time</th>
                </tr>
              </thead>
              <tbody>
                {figures.lateTickets.map((late) => (
                  <tr key={late.orderId}>
                    <td>{late.displayNumber}</td>
                    <td>{channelLabel(late.channel)}</td>
                    <td>{new Date(late.firedAt).toLocaleTimeString()}</td>
                    <td>{new Date(late.bumpedAt).toLocaleTimeString()}</td>
                    <td>{clockTime(late.seconds)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <p className="speed__note">
            A ticket runs from its fire time until it is bumped at every station (or by expo); a station’s, until that station bumps it. p50
            and p90: half and nine in ten of the tickets were at most this long. From this terminal’s history ({figures.retentionDays}{' '}
            days), computed in {figures.computedInMs} ms.
          </p>
        </>
      )}
    </section>
  );
}

function buildCharts(figures: SpeedOfService) {
  const hours = figures.byHour.filter((hour) => hour.tickets > 0 || hour.lastSevenDaysP50Seconds !== null);
  const slots = figures.throughput;
  const first = slots.findIndex((slot) => slot.tickets > 0);
  const last = slots.length - 1 - [...slots].reverse().findIndex((slot) => slot.tickets > 0);
  const shown = first < 0 ? [] : slots.slice(first, last + 1);
  const throughput: ChartConfiguration<'bar' | 'line'> = {
    type: 'bar',
    data: {
      labels: shown.map((slot) => new Date(slot.start).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })),
      datasets: [{ type: 'bar', label: 'tickets bumped', data: shown.map((slot) => slot.tickets), backgroundColor: P50 }],
    },
    options: { scales: { y: { beginAtZero: true, ticks: { precision: 0 } } }, plugins: { legend: { display: false } } },
  };
  return {
    byHour: timesChart(
      hours.map((hour) => `${String(hour.hour).padStart(2, '0')}:00`),
      hours,
      figures,
      [
        {
          type: 'line',
          label: 'p50, last 7 days',
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
    ),
    byChannel: timesChart(
      figures.byChannel.map((group) => channelLabel(group.key)),
      figures.byChannel,
      figures,
    ),
    throughput,
  };
}
