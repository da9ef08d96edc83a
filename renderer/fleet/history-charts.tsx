import type { ChartConfiguration } from 'chart.js';
import { useMemo } from 'react';
import type { FleetSample } from '../../shared/fleet';
import { ChartCanvas } from '../src/chart-canvas';
import { clockMinute } from './format';

const LINE = '#60a5fa';
const BAD = '#f87171';

/** Lines are drawn without dots, but a single sample is only a dot: without it the chart would look empty. */
const dots = (labels: readonly string[]) => (labels.length < 2 ? 3 : 0);

/** One small line over the hour; a gap where the figure was not known (lag with a partition's end unseen). */
function lineChart(labels: string[], label: string, data: (number | null)[], color = LINE): ChartConfiguration<'bar' | 'line'> {
  return {
    type: 'line',
    data: {
      labels,
      datasets: [
        {
          type: 'line',
          label,
          data,
          borderColor: color,
          backgroundColor: color,
          borderWidth: 2,
          pointRadius: dots(labels),
          spanGaps: false,
        },
      ],
    },
    options: {
      plugins: { legend: { display: false } },
      scales: {
        x: { ticks: { maxTicksLimit: 7, maxRotation: 0, font: { size: 12 } } },
        y: { beginAtZero: true, ticks: { precision: 0, maxTicksLimit: 4, font: { size: 12 } } },
      },
    },
  };
}

/** A segment touching offline is drawn red as well as low: the level says it, the colour repeats it. */
const offlineSegment = (context: { p0: { parsed: { y: number | null } }; p1: { parsed: { y: number | null } } }) =>
  context.p0.parsed.y === 0 || context.p1.parsed.y === 0 ? BAD : undefined;

/** Online as a step between two named levels, so the axis reads "online"/"offline" rather than 1/0. */
function onlineChart(labels: string[], samples: readonly FleetSample[]): ChartConfiguration<'bar' | 'line'> {
  const color = '#4ade80';
  return {
    type: 'line',
    data: {
      labels,
      datasets: [
        {
          type: 'line',
          label: 'Online',
          data: samples.map((s) => (s.online ? 1 : 0)),
          borderColor: color,
          backgroundColor: color,
          borderWidth: 3,
          pointRadius: dots(labels),
          stepped: true,
          segment: { borderColor: offlineSegment },
        },
      ],
    },
    options: {
      plugins: { legend: { display: false } },
      scales: {
        x: { ticks: { maxTicksLimit: 7, maxRotation: 0, font: { size: 12 } } },
        y: {
          min: 0,
          max: 1,
          ticks: { stepSize: 1, font: { size: 12 }, callback: (value) => (value === 1 ? 'online' : value === 0 ? 'offline' : '') },
        },
      },
    },
  };
}

/** The terminal's last hour, one sample a minute: what changed and when, for the figures in the record. */
export function HistoryCharts({ history }: { history: readonly FleetSample[] }) {
  const charts = useMemo(() => {
    const labels = history.map((s) => clockMinute(s.at));
    return [
      { title: 'Online', config: onlineChart(labels, history) },
      {
        title: 'Total lag',
        config: lineChart(
          labels,
          'Total lag',
          history.map((s) => s.totalLag),
        ),
      },
      {
        title: 'Outbox pending',
        config: lineChart(
          labels,
          'Outbox pending',
          history.map((s) => s.outboxPending),
        ),
      },
      {
        title: 'Dead letters',
        config: lineChart(
          labels,
          'Dead letters',
          history.map((s) => s.deadLetters),
          BAD,
        ),
      },
      {
        title: 'Unseen orders',
        config: lineChart(
          labels,
          'Unseen orders',
          history.map((s) => s.unseenOrders),
          BAD,
        ),
      },
    ];
  }, [history]);
  if (history.length === 0) return <p className="empty">No samples in the last hour.</p>;
  return (
    <div className="history">
      {charts.map(({ title, config }) => (
        // Online is a strip across the top: two levels need little height, and the outages line up with the charts below.
        <figure key={title} className={title === 'Online' ? 'history__strip' : undefined}>
          <figcaption>{title}</figcaption>
          <ChartCanvas config={config} label={`${title}, last hour`} />
        </figure>
      ))}
    </div>
  );
}
