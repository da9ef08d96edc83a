import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
  type ChartConfiguration,
} from 'chart.js';
import { useEffect, useRef } from 'react';

Chart.register(BarController, BarElement, CategoryScale, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip);
Chart.defaults.color = '#cbd5e1';
Chart.defaults.borderColor = '#374151';
Chart.defaults.font.size = 14;
// A kitchen terminal's CPU is for tickets: charts draw once, without animation.
Chart.defaults.animation = false;

/** One Chart.js chart on a canvas, redrawn when its configuration changes and destroyed with the component. */
export function ChartCanvas({ config, label }: { config: ChartConfiguration<'bar' | 'line'>; label: string }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (!canvas.current) return undefined;
    const chart = new Chart(canvas.current, { ...config, options: { responsive: true, maintainAspectRatio: false, ...config.options } });
    return () => chart.destroy();
  }, [config]);
  return (
    <div className="chart">
      <canvas ref={canvas} role="img" aria-label={label} />
    </div>
  );
}
