/** One figure of `npm run bench`: what was measured, against what, and the target it is held to. */
export interface BenchRow {
  figure: string;
  baseline: string;
  kds: string;
  value: number;
  unit: string;
  target?: { value: number; better: 'higher' | 'lower' };
}

export const met = (row: BenchRow): boolean | undefined =>
  row.target === undefined ? undefined : row.target.better === 'higher' ? row.value >= row.target.value : row.value <= row.target.value;

/** Share of the target reached (1 = exactly on it; above 1 = better than it). */
const score = (row: BenchRow): number =>
  row.target === undefined
    ? 0
    : row.target.better === 'higher'
      ? row.value / row.target.value
      : row.target.value / Math.max(row.value, 1e-9);

export function table(rows: BenchRow[]): string {
  const cells = rows.map((row) => [
    row.figure,
    row.baseline,
    row.kds,
    row.target ? `${row.target.better === 'higher' ? '≥' : '≤'} ${row.target.value} ${row.unit}` : '–',
    met(row) === undefined ? '' : met(row) ? 'met' : 'NOT MET',
  ]);
  const header = ['figure', 'baseline (same run)', 'kds', 'target', ''];
  const widths = header.map((title, column) => Math.max(title.length, ...cells.map((row) => (row[column] ?? '').length)));
  const line = (row: string[]) => `| ${row.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join(' | ')} |`;
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...cells.map(line)].join('\n');
}

const escape = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * The figures with targets as bars: the share of its target each reached, the target a line at
 * 1×, green where met. One picture of where kds stands, for BENCHMARKS.md.
 */
export function chart(rows: BenchRow[], title: string): string {
  const targeted = rows.filter((row) => row.target !== undefined);
  const left = 430;
  const width = 1200;
  const barWidth = width - left - 330;
  const rowHeight = 34;
  const top = 50;
  const height = top + targeted.length * rowHeight + 40;
  const scale = (share: number) => (Math.min(share, 2) / 2) * barWidth;
  const bars = targeted.map((row, index) => {
    const y = top + index * rowHeight;
    const share = score(row);
    const color = met(row) ? '#16a34a' : '#dc2626';
    return [
      `<text x="${left - 10}" y="${y + 21}" text-anchor="end">${escape(row.figure)}</text>`,
      `<rect x="${left}" y="${y + 6}" width="${scale(share).toFixed(1)}" height="20" fill="${color}"/>`,
      `<text x="${left + scale(share) + 6}" y="${y + 21}">${escape(`${row.kds}`)} (${share.toFixed(2)}× target)</text>`,
    ].join('');
  });
  const targetX = left + scale(1);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif" font-size="13">
<rect width="100%" height="100%" fill="#ffffff"/>
<text x="20" y="28" font-size="16" font-weight="bold">${escape(title)}</text>
${bars.join('\n')}
<line x1="${targetX}" y1="${top}" x2="${targetX}" y2="${height - 30}" stroke="#111827" stroke-dasharray="4 3"/>
<text x="${targetX}" y="${height - 12}" text-anchor="middle">target</text>
</svg>
`;
}
