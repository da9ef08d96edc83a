import { fleetTerminalSchema, type FleetSample, type FleetStatus, type FleetTerminal } from '../../shared/fleet';
import { terminalHealthSchema, type TerminalHealth } from '../../shared/terminal-health';
import { healthyRecord } from '../support/health-record';

/**
 * A fixed fleet for the fleet page's end-to-end test: one terminal of each status and two well
 * ones, every record parsed by the real schemas so the fixture cannot drift from the contract.
 */
const minutesAgo = (now: number, minutes: number) => new Date(now - minutes * 60_000).toISOString();

function health(now: number, merchantId: string, terminalId: string, patch: Partial<TerminalHealth> = {}): TerminalHealth {
  return terminalHealthSchema.parse(
    healthyRecord(merchantId, terminalId, minutesAgo(now, 0.2), minutesAgo(now, 300), {
      mode: 'routed',
      lag: { total: 0, partitions: [{ partition: 3, lag: 0 }] },
      largestClockSkewMs: 120,
      lastTicketShownAt: minutesAgo(now, 2),
      screensPaired: 2,
      ...patch,
    }),
  );
}

function terminal(
  now: number,
  merchantId: string,
  terminalId: string,
  status: FleetStatus,
  trouble: number,
  problems: string[],
  patch: Partial<TerminalHealth> = {},
  unseenOrders = 0,
): FleetTerminal {
  const record = health(now, merchantId, terminalId, patch);
  return fleetTerminalSchema.parse({
    key: `${merchantId}/${terminalId}`,
    merchantId,
    terminalId,
    status,
    problems,
    trouble,
    lastHealthAt: record.at,
    secondsSinceHealth: Math.round((now - Date.parse(record.at)) / 1000),
    unseenOrders,
    health: record,
  });
}

/** The fleet, deliberately not in trouble order: the page must sort it. */
export function fixtureTerminals(now: number): FleetTerminal[] {
  return [
    terminal(now, 'cafe-ost', 'bar-1', 'ok', 0, []),
    terminal(now, 'bistro-nord', 'grill-1', 'warning', 30, ['14 events have waited in the outbox for 2 min.'], {
      outbox: { pending: 14, oldestAt: minutesAgo(now, 2) },
      version: '0.1.0-rc.2',
    }),
    terminal(now, 'pizzeria-sud', 'grill-2', 'offline', 70, ['Offline for 4 min: the terminal cannot reach Kafka.'], {
      connection: { state: 'offline', since: minutesAgo(now, 4) },
      consumer: { state: 'reconnecting', since: minutesAgo(now, 4) },
      lag: { total: null, partitions: [{ partition: 1, lag: null }] },
    }),
    terminal(now, 'taqueria-west', 'expo-1', 'stopped', 5, ['Stopped cleanly 40 min ago.'], { state: 'stopped', at: minutesAgo(now, 40) }),
    terminal(
      now,
      'bistro-nord',
      'expo-1',
      'trouble',
      90,
      [
        'Lag 1,240 and rising for 6 min.',
        '3 orders placed in the last 10 min have not been shown on any screen.',
        '2 dead letters in the last hour.',
      ],
      {
        lag: {
          total: 1240,
          partitions: [
            { partition: 0, lag: 1200 },
            { partition: 5, lag: 40 },
          ],
        },
        oldestUnappliedSeconds: 372,
        outbox: { pending: 3, oldestAt: minutesAgo(now, 1) },
        retryDepth: 2,
        parked: 1,
        deadLetters: { count: 2, lastReason: 'order event failed its schema: items[0].quantity is not a number' },
        openNotices: 1,
        largestClockSkewMs: 2400,
        faults: [{ loop: 'ingest', since: minutesAgo(now, 6) }],
      },
      3,
    ),
    terminal(now, 'cafe-ost', 'expo-1', 'silent', 60, ['No health record for 12 min, and no clean stop.'], { at: minutesAgo(now, 12) }),
    terminal(now, 'pizzeria-sud', 'expo-1', 'ok', 0, []),
    terminal(now, 'sushi-mitte', 'expo-1', 'ok', 0, [], { mode: 'filter', screensPaired: null }),
  ];
}

/** The trouble terminal's hour: lag climbing for the last 6 minutes, a two-minute outage, dead letters arriving. */
export function fixtureHistory(now: number, key: string): FleetSample[] {
  const troubled = key === 'bistro-nord/expo-1';
  return Array.from({ length: 60 }, (_, i) => {
    const minute = 59 - i;
    const climbing = troubled && minute < 6;
    return {
      at: minutesAgo(now, minute),
      online: !(troubled && minute >= 20 && minute < 22),
      totalLag: troubled && minute >= 20 && minute < 22 ? null : climbing ? 1240 - minute * 200 : i % 7,
      outboxPending: troubled && minute < 3 ? 3 : 0,
      deadLetters: troubled && minute < 15 ? (minute < 5 ? 2 : 1) : 0,
      unseenOrders: climbing ? Math.min(3, 6 - minute) : 0,
    };
  });
}
