import { describe, expect, it } from 'vitest';
import type { TerminalHealth } from '../shared/terminal-health';
import { healthyRecord } from '../test/support/health-record';
import { fleetMetrics } from './fleet-metrics';
import { FleetState, NO_TERMINAL } from './fleet-state';

const t0 = Date.parse('2026-11-22T12:00:00.000Z');
const iso = (ms: number) => new Date(ms).toISOString();

function health(merchantId: string, terminalId: string, at: number, overrides: Partial<TerminalHealth> = {}): TerminalHealth {
  return healthyRecord(merchantId, terminalId, iso(at), iso(t0), overrides);
}

const lagged = (lag: number): Partial<TerminalHealth> => ({ lag: { total: lag, partitions: [{ partition: 0, lag }] } });
const statusOf = (state: FleetState, key: string, now: number) => state.view(now, null, 100).terminals.find((t) => t.key === key);

describe('the fleet state', () => {
  it('judges each terminal: ok, stopped, silent after 75 s, offline, warning, trouble — worst first', () => {
    const state = new FleetState();
    state.applyHealth(health('m-1', 'ok', t0), t0);
    state.applyHealth(health('m-1', 'stopped', t0, { state: 'stopped' }), t0);
    state.applyHealth(health('m-2', 'quiet', t0 - 80_000), t0 - 80_000);
    state.applyHealth(health('m-3', 'cut', t0, { connection: { state: 'offline', since: iso(t0 - 5_000) } }), t0);
    state.applyHealth(health('m-4', 'behind', t0, lagged(12)), t0);
    state.applyHealth(health('m-5', 'dead', t0), t0 - 30_000);
    state.applyHealth(health('m-5', 'dead', t0, { deadLetters: { count: 3, lastReason: 'MALFORMED_JSON' } }), t0);
    const view = state.view(t0, null, 100);
    expect(view.terminals.map((t) => [t.key, t.status])).toEqual([
      ['m-2/quiet', 'silent'],
      ['m-3/cut', 'offline'],
      ['m-5/dead', 'trouble'],
      ['m-4/behind', 'warning'],
      ['m-1/ok', 'ok'],
      ['m-1/stopped', 'stopped'],
    ]);
    expect(view.totals.byStatus).toEqual({ stopped: 1, ok: 1, warning: 1, trouble: 1, offline: 1, silent: 1 });
    expect(statusOf(state, 'm-2/quiet', t0)?.problems).toEqual(['no health for 1 min 20 s (last: online)']);
    expect(statusOf(state, 'm-3/cut', t0)?.problems).toEqual(['Kafka unreachable for 5 s']);
    expect(statusOf(state, 'm-5/dead', t0)?.problems).toEqual(['3 dead letters (rising), last: MALFORMED_JSON']);
    expect(state.view(t0, 'm-4', 100).terminals.map((t) => t.key)).toEqual(['m-4/behind']);
  });

  it('calls lag that has not fallen for 5 minutes trouble, and lag that falls a warning', () => {
    const state = new FleetState();
    for (let i = 0; i <= 12; i++) state.applyHealth(health('m-1', 'grill', t0 + i * 30_000, lagged(100 + i * 50)), t0 + i * 30_000);
    const now = t0 + 12 * 30_000;
    expect(statusOf(state, 'm-1/grill', now)).toMatchObject({ status: 'trouble', problems: ['lag 700, not falling for 6 min'] });
    state.applyHealth(health('m-1', 'grill', now + 30_000, lagged(300)), now + 30_000);
    expect(statusOf(state, 'm-1/grill', now + 30_000)).toMatchObject({ status: 'warning', problems: ['lag 300'] });
  });

  it('counts orders not shown within 60 s, per merchant, until shown; a kitchen with orders and no terminal is listed', () => {
    const state = new FleetState();
    state.applyHealth(health('m-1', 'grill', t0), t0);
    state.orderPlaced('o-1', 'm-1', t0, t0);
    state.orderPlaced('o-2', 'm-1', t0, t0);
    state.orderPlaced('o-3', 'm-9', t0, t0);
    state.orderSettled('o-2', t0 + 10_000);
    expect(state.unseenByMerchant(t0 + 59_000)).toEqual(new Map());
    expect(state.unseenByMerchant(t0 + 61_000)).toEqual(
      new Map([
        ['m-1', 1],
        ['m-9', 1],
      ]),
    );
    const noTerminal = statusOf(state, `m-9/${NO_TERMINAL}`, t0 + 61_000);
    expect(noTerminal).toMatchObject({ status: 'silent', unseenOrders: 1 });
    expect(state.offlineOrders(t0 + 61_000)).toEqual(new Map([['m-9', 1]]));
    state.orderSettled('o-1', t0 + 70_000);
    expect(state.unseenByMerchant(t0 + 71_000)).toEqual(new Map([['m-9', 1]]));
    // A TICKET_SHOWN read before its order (two topics side by side) still settles it.
    state.orderSettled('o-4', t0);
    state.orderPlaced('o-4', 'm-1', t0, t0);
    expect(state.unseenByMerchant(t0 + 120_000).get('m-1')).toBeUndefined();
  });

  it('keeps the last hour, one sample a minute', () => {
    const state = new FleetState();
    for (let minute = 0; minute < 75; minute++) {
      const now = t0 + minute * 60_000;
      state.applyHealth(health('m-1', 'grill', now, lagged(minute)), now);
      state.sample(now);
    }
    const history = state.detail('m-1/grill', t0 + 74 * 60_000)?.history ?? [];
    expect(history).toHaveLength(60);
    expect(history[0]).toMatchObject({ at: iso(t0 + 15 * 60_000), totalLag: 15, online: true });
    expect(history.at(-1)?.totalLag).toBe(74);
  });
});

describe('the fleet metrics', () => {
  it('itemises terminals in trouble only, drops a recovered one, respects the cap and aggregates the rest', async () => {
    const state = new FleetState();
    let now = t0;
    let readerUp = true;
    state.applyHealth(health('m-1', 'ok', t0), t0);
    state.applyHealth(health('m-1', 'stopped', t0, { state: 'stopped' }), t0);
    state.applyHealth(health('m-2', 'quiet', t0), t0);
    state.applyHealth(health('m-3', 'behind', t0, lagged(40)), t0);
    state.applyHealth(health('m-4', 'dead', t0, { deadLetters: { count: 2, lastReason: 'SCHEMA' } }), t0);
    state.applyHealth(health('m-5', 'x"y\\z', t0, lagged(1)), t0);
    const registry = fleetMetrics(
      state,
      () => now,
      () => readerUp,
    );
    now = t0 + 130_000;
    for (const key of ['m-1/ok', 'm-3/behind', 'm-4/dead', 'm-5/x"y\\z']) {
      const [merchantId = '', terminalId = ''] = [key.slice(0, 3), key.slice(4)];
      const previous = statusOf(state, key, now)?.health;
      if (previous) state.applyHealth({ ...previous, merchantId, terminalId, at: iso(now) }, now);
    }
    const text = await registry.metrics();
    expect(text).toContain('kds_terminal_silent{merchant="m-2",terminal="quiet"} 1');
    expect(text).toContain('kds_terminal_up{merchant="m-2",terminal="quiet"} 0');
    expect(text).toContain('kds_terminal_consumer_lag{merchant="m-3",terminal="behind"} 40');
    expect(text).toContain('kds_terminal_dead_letters{merchant="m-4",terminal="dead"} 2');
    expect(text).toContain('kds_terminal_consumer_lag{merchant="m-5",terminal="x\\"y\\\\z"} 1');
    expect(text).not.toContain('terminal="ok"');
    expect(text).not.toContain('terminal="stopped"');
    expect(text).toContain('kds_fleet_terminals{status="silent"} 1');
    expect(text).toContain('kds_fleet_reader_up 1');
    expect(text).toContain('kds_fleet_health_records_total 10');
    expect(text).toMatch(/process_resident_memory_bytes \d+/);

    state.applyHealth(health('m-3', 'behind', now), now);
    readerUp = false;
    const after = await registry.metrics();
    expect(after).not.toContain('terminal="behind"');
    expect(after).toContain('kds_fleet_reader_up 0');

    const capped = await fleetMetrics(
      state,
      () => now,
      () => true,
      1,
    ).metrics();
    expect(capped.match(/^kds_terminal_up\{/gm)).toHaveLength(1);
    expect(capped).toContain('kds_fleet_terminals_not_itemised 2');
  });
});
