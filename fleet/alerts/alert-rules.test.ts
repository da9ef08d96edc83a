import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FLEET_METRICS } from '../metric-names';
import { parseExposition, RULES_FILE, runPromtool, wouldFire, type Scrape } from './scrape-to-promtool';

const RULES_TESTS = 'fleet/alerts/kds-fleet.rules.test.yml';

describe('the fleet alert rules (promtool)', () => {
  it('pass promtool check rules and their own promtool test rules', async () => {
    const check = await runPromtool(['check', 'rules', RULES_FILE]);
    expect(check.output).toContain('SUCCESS: 6 rules found');
    const test = await runPromtool(['test', 'rules', RULES_TESTS]);
    expect(test.output).toContain('SUCCESS');
    expect(test.passed).toBe(true);
  });

  it('use only metric names the fleet service exports', () => {
    const rules = readFileSync(RULES_FILE, 'utf8');
    const used = new Set([...rules.matchAll(/\b(kds_[a-z_]+)\b/g)].map((m) => m[1]));
    const exported = new Set<string>(Object.values(FLEET_METRICS));
    expect([...used].filter((name) => name !== undefined && !exported.has(name))).toEqual([]);
    expect(used.size).toBeGreaterThanOrEqual(6);
  });
});

const scrape = (atSeconds: number, lines: string[]): Scrape => ({
  atSeconds,
  text: [
    '# HELP kds_fleet_reader_up The fleet service reads Kafka',
    '# TYPE kds_fleet_reader_up gauge',
    'kds_fleet_reader_up 1',
    ...lines,
  ].join('\n'),
});

describe('scraped /metrics evaluated by promtool', () => {
  it('parses the text format: escaped label values, comments, +Inf and NaN', () => {
    const samples = parseExposition(
      [
        '# TYPE x gauge',
        'kds_terminal_silent{merchant="m \\"1\\"",terminal="a}b c"} 1',
        'h_bucket{le="+Inf"} 4',
        'y NaN',
        'z +Inf 1700000000000',
      ].join('\n'),
    );
    expect(samples.get('kds_terminal_silent{merchant="m \\"1\\"",terminal="a}b c"}')).toBe(1);
    expect(samples.get('h_bucket{le="+Inf"}')).toBe(4);
    expect(samples.get('y')).toBeNaN();
    expect(samples.get('z')).toBe(Infinity);
  });

  it('passes with exactly the alerts that fire, and fails with one missing or one too many', async () => {
    const scrapes = [
      scrape(0, ['kds_terminal_silent{merchant="m-1",terminal="we\\"ird"} 1', 'kds_merchant_unseen_orders{merchant="m-2"} 2']),
      scrape(30, ['kds_terminal_silent{merchant="m-1",terminal="we\\"ird"} 1', 'kds_merchant_unseen_orders{merchant="m-2"} 3']),
    ];
    const right = await wouldFire(scrapes, [
      { alertname: 'KdsTerminalSilent', merchant: 'm-1', terminal: 'we"ird' },
      { alertname: 'KdsOrderUnseen', merchant: 'm-2' },
    ]);
    expect(right.output).toContain('SUCCESS');
    expect((await wouldFire(scrapes, [{ alertname: 'KdsOrderUnseen', merchant: 'm-2' }])).passed).toBe(false);
    const tooMany = await wouldFire(scrapes, [
      { alertname: 'KdsTerminalSilent', merchant: 'm-1', terminal: 'we"ird' },
      { alertname: 'KdsOrderUnseen', merchant: 'm-2' },
      { alertname: 'KdsFleetReaderDown' },
    ]);
    expect(tooMany.passed).toBe(false);
  });

  it('resolves an alert whose series left the last scrape', async () => {
    const scrapes = [scrape(0, ['kds_terminal_silent{merchant="m-1",terminal="t"} 1']), scrape(60, [])];
    expect((await wouldFire(scrapes, [])).passed).toBe(true);
  });
});
