import { collectDefaultMetrics, Counter, Gauge, Registry } from 'prom-client';
import { FLEET_STATUSES } from '../shared/fleet';
import type { FleetState } from './fleet-state';
import { FLEET_METRICS as M, MAX_ITEMISED_TERMINALS } from './metric-names';

/**
 * The fleet's Prometheus metrics, computed at scrape time from the state. Cardinality: the
 * aggregates always; per-terminal series only for terminals in trouble (not ok, not stopped),
 * worst first and capped; per-merchant series only where non-zero. A terminal that recovers
 * drops out of the per-terminal series at the next scrape (labelled gauges are reset).
 */
export function fleetMetrics(
  state: FleetState,
  now: () => number,
  readerUp: () => boolean,
  maxItemised = MAX_ITEMISED_TERMINALS,
): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const labels = ['merchant', 'terminal'] as const;
  const gauge = <L extends string>(name: string, help: string, labelNames: readonly L[] = []) =>
    new Gauge<L>({ name, help, labelNames, registers: [registry] });

  // Registered first: its collect fills every series below before they are written out.
  new Gauge({
    name: M.readerUp,
    help: 'The fleet service reads Kafka (0: every figure here is stale)',
    registers: [registry],
    collect() {
      fill();
      this.set(readerUp() ? 1 : 0);
    },
  });
  const terminals = gauge(M.terminals, 'Terminals by fleet status', ['status']);
  const notItemised = gauge(M.terminalsNotItemised, 'Terminals in trouble left out of the per-terminal series by the cap');
  const lagSum = gauge(M.lagSum, 'Sum of every terminal consumer lag (unknown counts 0)');
  const deadSum = gauge(M.deadLettersSum, 'Sum of every terminal dead letters');
  const outboxSum = gauge(M.outboxSum, 'Sum of every terminal outbox depth');
  const unseenSum = gauge(M.unseenOrders, 'Orders placed and not shown on any screen of their kitchen within 60 s');
  const up = gauge(M.terminalUp, 'Terminal in trouble: 1 connected to Kafka, 0 not', labels);
  const silent = gauge(M.terminalSilent, 'Terminal with no health for 2 min and no clean stop', labels);
  const lag = gauge(M.terminalLag, 'Terminal in trouble: consumer lag', labels);
  const oldest = gauge(M.terminalOldestUnapplied, 'Terminal in trouble: seconds the oldest unapplied event waited', labels);
  const outbox = gauge(M.terminalOutbox, 'Terminal in trouble: cook actions not yet on Kafka', labels);
  const dead = gauge(M.terminalDeadLetters, 'Terminal in trouble: dead letters it reports', labels);
  const since = gauge(M.terminalSecondsSinceHealth, 'Terminal in trouble: seconds since its last health record', labels);
  const merchantUnseen = gauge(M.merchantUnseenOrders, 'Merchant: orders not shown on any screen within 60 s', ['merchant']);
  const merchantOffline = gauge(M.merchantOrdersWhileOffline, 'Merchant with no terminal online: orders placed since', ['merchant']);
  const records = new Counter({ name: M.healthRecords, help: 'Health records consumed', registers: [registry] });
  const refused = new Counter({ name: M.healthRecordsRefused, help: 'Health records refused by the schema', registers: [registry] });
  let countedRecords = 0;
  let countedRefused = 0;

  // One collect fills every fleet series from one judgement of the fleet.
  const fill = () => {
    const at = now();
    const judged = state.judgeAll(at);
    records.inc(state.healthRecords - countedRecords);
    refused.inc(state.refusedRecords - countedRefused);
    countedRecords = state.healthRecords;
    countedRefused = state.refusedRecords;
    for (const g of [terminals, up, silent, lag, oldest, outbox, dead, since, merchantUnseen, merchantOffline]) g.reset();
    const byStatus = new Map<string, number>(FLEET_STATUSES.map((s) => [s, 0]));
    let sums = { lag: 0, dead: 0, outbox: 0 };
    let itemised = 0;
    let left = 0;
    for (const terminal of judged) {
      const { status } = terminal.judgement;
      byStatus.set(status, (byStatus.get(status) ?? 0) + 1);
      const health = terminal.entry.health;
      sums = {
        lag: sums.lag + (health?.lag.total ?? 0),
        dead: sums.dead + (health?.deadLetters.count ?? 0),
        outbox: sums.outbox + (health?.outbox.pending ?? 0),
      };
      if (status === 'ok' || status === 'stopped' || !health) continue;
      if (itemised >= maxItemised) {
        left += 1;
        continue;
      }
      itemised += 1;
      const l = { merchant: terminal.entry.merchantId, terminal: terminal.entry.terminalId };
      up.set(l, status === 'offline' || status === 'silent' ? 0 : 1);
      silent.set(l, terminal.silentForAlert ? 1 : 0);
      if (health.lag.total !== null) lag.set(l, health.lag.total);
      if (health.oldestUnappliedSeconds !== null) oldest.set(l, health.oldestUnappliedSeconds);
      outbox.set(l, health.outbox.pending);
      dead.set(l, health.deadLetters.count);
      since.set(l, Math.round(terminal.secondsSinceHealth ?? 0));
    }
    for (const [status, n] of byStatus) terminals.set({ status }, n);
    notItemised.set(left);
    lagSum.set(sums.lag);
    deadSum.set(sums.dead);
    outboxSum.set(sums.outbox);
    let unseen = 0;
    for (const [merchant, n] of state.unseenByMerchant(at)) {
      merchantUnseen.set({ merchant }, n);
      unseen += n;
    }
    unseenSum.set(unseen);
    for (const [merchant, n] of state.offlineOrders(at)) merchantOffline.set({ merchant }, n);
  };
  return registry;
}
