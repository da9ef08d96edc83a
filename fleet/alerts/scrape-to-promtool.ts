import { execFile } from 'node:child_process';
import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

/** One scrape of a real /metrics: its text and when it was taken, in seconds from the first. */
export interface Scrape {
  atSeconds: number;
  text: string;
}

/** An alert expected to fire, by name and the labels that tell which terminal or merchant. */
export interface ExpectedAlert {
  alertname: string;
  merchant?: string;
  terminal?: string;
}

export const RULES_FILE = resolve('fleet/alerts/kds-fleet.rules.yml');
const STEP_SECONDS = 30;

/** `name{a="x",b="y\"z"} 12.5 [ts]` → the series selector text and its value; comments and HELP/TYPE lines give nothing. */
export function parseExposition(text: string): Map<string, number> {
  const samples = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (line.trim() === '' || line.startsWith('#')) continue;
    let end = line.indexOf('{');
    const space = line.indexOf(' ');
    let series: string;
    if (end !== -1 && (space === -1 || end < space)) {
      // Walk the label set: a value may hold escaped quotes, braces and spaces.
      let inQuotes = false;
      for (end += 1; end < line.length; end++) {
        const c = line[end];
        if (inQuotes && c === '\\') end += 1;
        else if (c === '"') inQuotes = !inQuotes;
        else if (!inQuotes && c === '}') break;
      }
      series = line.slice(0, end + 1);
    } else {
      series = line.slice(0, space);
      end = space - 1;
    }
    const [raw] = line
      .slice(end + 1)
      .trim()
      .split(/\s+/);
    if (raw === undefined || raw === '') continue;
    const value = raw === '+Inf' ? Infinity : raw === '-Inf' ? -Infinity : Number(raw);
    if (!Number.isNaN(value) || raw === 'NaN') samples.set(series, value);
  }
  return samples;
}

const notation = (value: number) =>
  Number.isNaN(value) ? 'NaN' : value === Infinity ? 'Inf' : value === -Infinity ? '-Inf' : String(value);

/**
 * A promtool test over the scraped series: each held at its scraped value until the next scrape
 * (30 s steps), a series gone from a later scrape marked stale, and the last scrape held for
 * `holdMinutes` more — "would the rules fire if this state lasted" — then, at the end, exactly
 * the expected alerts must be firing.
 */
export function promtoolTest(
  scrapes: readonly Scrape[],
  expected: readonly ExpectedAlert[],
  holdMinutes: number,
  rulesFile = 'kds-fleet.rules.yml',
): string {
  const parsed = scrapes.map((s) => ({ step: Math.round(s.atSeconds / STEP_SECONDS), samples: parseExposition(s.text) }));
  const lastStep = (parsed.at(-1)?.step ?? 0) + Math.round((holdMinutes * 60) / STEP_SECONDS);
  const names = new Set(parsed.flatMap((p) => [...p.samples.keys()]));
  const inputSeries = [...names].map((series) => {
    const values: string[] = [];
    let current: string = '_';
    let scrape = 0;
    for (let step = 0; step <= lastStep; step++) {
      while (scrape < parsed.length && (parsed[scrape]?.step ?? Infinity) <= step) {
        const value = parsed[scrape]?.samples.get(series);
        current = value === undefined ? (current === '_' || current === 'stale' ? '_' : 'stale') : notation(value);
        scrape += 1;
      }
      values.push(current);
      if (current === 'stale') current = '_';
    }
    return { series, values: values.join(' ') };
  });
  const labels = (alert: ExpectedAlert) =>
    [
      `alertname=${JSON.stringify(alert.alertname)}`,
      ...(alert.merchant ? [`merchant=${JSON.stringify(alert.merchant)}`] : []),
      ...(alert.terminal ? [`terminal=${JSON.stringify(alert.terminal)}`] : []),
    ].join(',');
  const test = {
    rule_files: [rulesFile],
    evaluation_interval: `${STEP_SECONDS}s`,
    tests: [
      {
        interval: `${STEP_SECONDS}s`,
        input_series: inputSeries,
        promql_expr_test: [
          {
            expr: 'count by (alertname, merchant, terminal) (ALERTS{alertstate="firing"})',
            eval_time: `${lastStep * STEP_SECONDS}s`,
            exp_samples: expected.map((alert) => ({ labels: `{${labels(alert)}}`, value: 1 })),
          },
        ],
      },
    ],
  };
  // JSON is YAML: promtool reads it as such.
  return JSON.stringify(test, null, 2);
}

/**
 * Runs `promtool test rules` on the scrapes: passes only when exactly the expected alerts fire.
 * The last scrape is held 6 minutes by default: longer than every rule's `for` (lag's 5 min), and
 * shorter than the dead-letter rule's 10-minute look-back, so a rise seen in the scrapes still counts.
 */
export async function wouldFire(
  scrapes: readonly Scrape[],
  expected: readonly ExpectedAlert[],
  holdMinutes = 6,
): Promise<{ passed: boolean; output: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'kds-promtool-'));
  copyFileSync(RULES_FILE, join(dir, 'kds-fleet.rules.yml'));
  writeFileSync(join(dir, 'scraped.test.yml'), promtoolTest(scrapes, expected, holdMinutes));
  return runPromtool(['test', 'rules', join(dir, 'scraped.test.yml')]);
}

export async function runPromtool(args: string[]): Promise<{ passed: boolean; output: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)('promtool', args, { maxBuffer: 64 * 1024 * 1024 });
    return { passed: true, output: stdout + stderr };
  } catch (error) {
    const failure = error as NodeJS.ErrnoException & { stdout?: string; stderr?: string };
    if (failure.code === 'ENOENT')
      throw new Error("promtool not found: install Debian's prometheus package (npm test does)", { cause: error });
    return { passed: false, output: `${failure.stdout ?? ''}${failure.stderr ?? ''}` };
  }
}
