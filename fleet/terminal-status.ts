import type { FleetStatus } from '../shared/fleet';
import { HEALTH_INTERVAL_MS, type TerminalHealth } from '../shared/terminal-health';

/** No record for this long (two intervals and a half): the page calls the terminal silent. */
export const SILENT_AFTER_MS = 2.5 * HEALTH_INTERVAL_MS;
/** `kds_terminal_silent` turns 1 with the page's "silent"; the alert rule waits 45 s more, so it fires after 2 minutes. */
export const SILENT_ALERT_AFTER_MS = SILENT_AFTER_MS;
const LAG_RISING_TROUBLE_MS = 5 * 60_000;
const DEAD_LETTERS_RECENT_MS = 10 * 60_000;
const OLDEST_UNAPPLIED_TROUBLE_S = 60;
const CLOCK_SKEW_WARNING_MS = 60_000;

/** What the service remembers of one terminal between records: the last one and two small trends. */
export interface TerminalMemory {
  health: TerminalHealth | null;
  /** The service's clock when the last record arrived (terminal clocks may be wrong). */
  receivedAt: number;
  /** Since when the lag has not fallen while above zero; null while it is zero or falling. */
  lagNotFallingSince: number | null;
  /** When the dead-letter count last grew. */
  deadLettersRoseAt: number | null;
}

/** Folds a new record into what is remembered: the trends need only the previous record. */
export function remember(previous: TerminalMemory | undefined, health: TerminalHealth, receivedAt: number): TerminalMemory {
  const lag = health.lag.total ?? 0;
  const previousLag = previous?.health?.lag.total ?? 0;
  const lagNotFallingSince = lag > 0 && lag >= previousLag ? (previous?.lagNotFallingSince ?? previous?.receivedAt ?? receivedAt) : null;
  const previousDead = previous?.health?.deadLetters.count;
  const rose = previousDead !== undefined && health.deadLetters.count > previousDead;
  return {
    health,
    receivedAt,
    lagNotFallingSince,
    deadLettersRoseAt: rose ? receivedAt : (previous?.deadLettersRoseAt ?? null),
  };
}

export interface Judgement {
  status: FleetStatus;
  problems: string[];
  /** Higher is worse. */
  trouble: number;
}

const BASE: Record<FleetStatus, number> = { silent: 5000, offline: 4000, trouble: 3000, warning: 2000, ok: 1000, stopped: 0 };
const count = (n: number): string => n.toLocaleString('en-US');

/** "3 min 10 s", "45 s", "2 h 5 min": how long, for a person. */
export function duration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min${s % 60 ? ` ${s % 60} s` : ''}`;
  return `${Math.floor(s / 3600)} h${Math.floor((s % 3600) / 60) ? ` ${Math.floor((s % 3600) / 60)} min` : ''}`;
}

/** " for 12 min" from a terminal's stamp; nothing when its clock says the future (a wrong clock is not a duration). */
function since(stamp: string, now: number): string {
  const ms = now - Date.parse(stamp);
  return Number.isFinite(ms) && ms >= 0 ? ` for ${duration(ms)}` : '';
}

/** A terminal's status and its problems in words support can act on, at `now` (the service's clock). */
export function judge(memory: TerminalMemory, unseenOrders: number, now: number): Judgement {
  const health = memory.health;
  if (!health) {
    // A kitchen known only from its orders: none of its terminals has ever reported.
    return {
      status: 'silent',
      problems: ['orders arrive, and no terminal of this kitchen has ever reported'],
      trouble: BASE.silent + 900 + unseenOrders,
    };
  }
  if (health.state === 'stopped')
    return {
      status: 'stopped',
      problems: unseenOrders > 0 ? [`${count(unseenOrders)} orders not shown within 60 s while stopped`] : [],
      trouble: unseenOrders,
    };
  const quiet = now - memory.receivedAt;
  const lag = health.lag.total;
  const problems: string[] = [];
  let status: FleetStatus = 'ok';
  const worse = (to: FleetStatus) => {
    if (BASE[to] > BASE[status]) status = to;
  };
  if (quiet > SILENT_AFTER_MS) {
    worse('silent');
    problems.push(`no health for ${duration(quiet)} (last: ${health.connection.state})`);
  }
  if (health.connection.state === 'offline' || health.connection.state === 'refused') {
    worse('offline');
    problems.push(`Kafka ${health.connection.state === 'refused' ? 'refused' : 'unreachable'}${since(health.connection.since, now)}`);
  }
  if (health.consumer.state === 'refused') {
    worse('trouble');
    problems.push('consumer refused by the environment guard');
  }
  if (health.faults.length > 0) {
    worse('trouble');
    problems.push(`failing: ${health.faults.map((f) => f.loop).join(', ')}`);
  }
  if (unseenOrders > 0) {
    worse('trouble');
    problems.push(`${count(unseenOrders)} ${unseenOrders === 1 ? 'order' : 'orders'} not shown on any screen within 60 s`);
  }
  const rising = memory.lagNotFallingSince !== null ? now - memory.lagNotFallingSince : 0;
  if (lag !== null && lag > 0) {
    worse(rising >= LAG_RISING_TROUBLE_MS ? 'trouble' : 'warning');
    problems.push(rising >= LAG_RISING_TROUBLE_MS ? `lag ${count(lag)}, not falling for ${duration(rising)}` : `lag ${count(lag)}`);
  }
  if (health.oldestUnappliedSeconds !== null && health.oldestUnappliedSeconds > OLDEST_UNAPPLIED_TROUBLE_S) {
    worse('trouble');
    problems.push(`oldest event waiting ${duration(health.oldestUnappliedSeconds * 1000)}`);
  }
  if (health.deadLetters.count > 0) {
    const recent = memory.deadLettersRoseAt !== null && now - memory.deadLettersRoseAt < DEAD_LETTERS_RECENT_MS;
    worse(recent ? 'trouble' : 'warning');
    const last = health.deadLetters.lastReason ? `, last: ${health.deadLetters.lastReason}` : '';
    problems.push(
      `${count(health.deadLetters.count)} dead ${health.deadLetters.count === 1 ? 'letter' : 'letters'}${recent ? ' (rising)' : ''}${last}`,
    );
  }
  if (health.outbox.pending > 0) {
    worse('warning');
    problems.push(
      `${count(health.outbox.pending)} cook actions not yet on Kafka${health.outbox.oldestAt ? `, oldest waiting${since(health.outbox.oldestAt, now)}` : ''}`,
    );
  }
  if (health.parked > 0) {
    worse('warning');
    problems.push(`${count(health.parked)} events parked waiting for an earlier one`);
  }
  if (health.openNotices > 0) {
    worse('warning');
    problems.push(`${health.openNotices} log notices not acknowledged`);
  }
  if (health.largestClockSkewMs !== null && Math.abs(health.largestClockSkewMs) > CLOCK_SKEW_WARNING_MS) {
    worse('warning');
    problems.push(
      `clock ${duration(Math.abs(health.largestClockSkewMs))} ${health.largestClockSkewMs > 0 ? 'behind' : 'ahead of'} the platform`,
    );
  }
  const weight = Math.min(
    999,
    unseenOrders * 50 + Math.log10((lag ?? 0) + 1) * 20 + Math.min(300, quiet / 1000) + health.faults.length * 10,
  );
  return { status, problems, trouble: BASE[status] + weight };
}
