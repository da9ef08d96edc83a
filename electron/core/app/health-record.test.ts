import { describe, expect, it } from 'vitest';
import type { CoreStatus } from '../../../shared/core-status';
import { terminalHealthSchema, type TerminalHealth } from '../../../shared/terminal-health';
import { ManualClock } from '../../../test/support/manual-clock';
import { HealthPublisher, type HealthTransport } from '../kafka/health-publisher';
import { healthRecord, healthStateChanged } from './health-record';

const since = '2026-11-22T12:00:00.000Z';
const partitionZero = { partition: 0, nextOffset: '10', logStart: '0', highWatermark: '10', lag: 0, lastRecordAt: since };
const healthy: CoreStatus = {
  connection: { state: 'online', since },
  consumer: { state: 'running', since },
  log: { topic: 'prod.orders', clusterId: 'cluster-1' },
  lag: [partitionZero],
  notices: [],
  totalLag: 0,
  retryDepth: 0,
  outbox: { pending: 0, oldestAt: null, lastError: null },
  parked: 0,
  deadLetters: 0,
  counters: {},
  clock: { largestSkewMs: null, at: null },
  faults: [],
  storage: { fullSince: null },
  schemaRegistry: null,
  kitchen: { unavailableItems: [], pausedUntil: null },
  warnings: [],
};
const config = { merchantId: 'm-1', terminalId: 'grill-1', routing: 'filter' as const };
const now = Date.parse('2026-11-22T12:05:00.000Z');
const record = (status: CoreStatus, extra: Partial<Parameters<typeof healthRecord>[1]> = {}): TerminalHealth =>
  healthRecord(config, {
    status,
    lastDeadLetterReason: null,
    oldestUnappliedAt: null,
    lastTicketShownAt: null,
    screensPaired: 2,
    state: 'running',
    now,
    ...extra,
  });

describe('a terminal health record', () => {
  it('carries the status bar figures the fleet needs', () => {
    const troubled: CoreStatus = {
      ...healthy,
      connection: { state: 'offline', since, detail: 'connect ECONNREFUSED 10.1.2.3:9092' },
      lag: [{ partition: 0, nextOffset: '5', logStart: '0', highWatermark: '45', lag: 40, lastRecordAt: since }],
      totalLag: 40,
      outbox: { pending: 3, oldestAt: since, lastError: 'broker away' },
      deadLetters: 2,
      faults: [{ loop: 'retry worker', error: 'SQLITE_BUSY at /var/lib/kds/kds.db', since }],
      clock: { largestSkewMs: 90_000, at: since },
    };
    const health = record(troubled, {
      lastDeadLetterReason: 'MALFORMED_JSON',
      oldestUnappliedAt: now - 12_000,
      lastTicketShownAt: now - 1_000,
    });
    expect(terminalHealthSchema.safeParse(health).success).toBe(true);
    expect(health).toMatchObject({
      merchantId: 'm-1',
      terminalId: 'grill-1',
      mode: 'filter',
      state: 'running',
      connection: { state: 'offline', since },
      lag: { total: 40, partitions: [{ partition: 0, lag: 40 }] },
      oldestUnappliedSeconds: 12,
      outbox: { pending: 3, oldestAt: since },
      deadLetters: { count: 2, lastReason: 'MALFORMED_JSON' },
      largestClockSkewMs: 90_000,
      faults: [{ loop: 'retry worker', since }],
      lastTicketShownAt: '2026-11-22T12:04:59.000Z',
      screensPaired: 2,
    });
  });

  it('says nothing the status bar keeps at home: addresses, paths, error texts, credentials', () => {
    const withSecrets: CoreStatus = {
      ...healthy,
      connection: { state: 'offline', since, detail: 'SASL authentication failed for user kds-m1 with s3cr3t-Passw0rd' },
      outbox: { pending: 1, oldestAt: since, lastError: 'token=pairing-token-123' },
      faults: [{ loop: 'outbox publisher', error: '/home/kds/.config/kds/kds.db locked', since }],
      warnings: ['The Kafka password is sent unencrypted'],
    };
    const text = JSON.stringify(record(withSecrets, { lastDeadLetterReason: 'SCHEMA' }));
    for (const secret of ['s3cr3t-Passw0rd', 'kds-m1', 'pairing-token-123', '/home/kds', 'password', 'ECONNREFUSED']) {
      expect(text).not.toContain(secret);
    }
  });

  it('is bounded: partitions and faults are capped', () => {
    const many: CoreStatus = {
      ...healthy,
      lag: Array.from({ length: 200 }, (_, partition) => ({ ...partitionZero, partition })),
      faults: Array.from({ length: 30 }, (_, i) => ({ loop: `loop ${i}`, error: 'x', since })),
    };
    const health = record(many);
    expect(health.lag.partitions).toHaveLength(64);
    expect(health.faults).toHaveLength(10);
    expect(JSON.stringify(health).length).toBeLessThan(8_000);
  });

  it('changes state on a connection, a fault, a dead letter or lag appearing — not on a tick of lag', () => {
    const base = record(healthy);
    expect(healthStateChanged(undefined, base)).toBe(true);
    expect(healthStateChanged(base, record(healthy, { now: now + 5_000 }))).toBe(false);
    const lagging = (lag: number) => record({ ...healthy, totalLag: lag, lag: [{ ...partitionZero, lag }] });
    expect(healthStateChanged(base, lagging(5))).toBe(true);
    expect(healthStateChanged(lagging(5), lagging(900))).toBe(false);
    expect(healthStateChanged(base, record({ ...healthy, deadLetters: 1 }))).toBe(true);
    expect(healthStateChanged(base, record({ ...healthy, connection: { state: 'offline', since } }))).toBe(true);
    expect(healthStateChanged(base, record(healthy, { state: 'stopped' }))).toBe(true);
  });
});

class CountingTransport implements HealthTransport {
  readonly sent: TerminalHealth[] = [];
  reachable = true;
  async send(health: TerminalHealth): Promise<void> {
    if (!this.reachable) throw new Error('broker away');
    this.sent.push(health);
  }
  async close(): Promise<void> {}
}

describe('the health publisher', () => {
  const start = (clock: ManualClock, transport: CountingTransport, status: { current: CoreStatus }) => {
    const publisher = new HealthPublisher({
      build: (state) => record(status.current, { state, now: clock.now() }),
      changed: healthStateChanged,
      transport,
      clock,
      log: () => undefined,
      onError: (name, error) => {
        throw new Error(`${name}: ${error.message}`);
      },
    });
    publisher.start();
    return publisher;
  };

  it('reports at once, every 30 s, and within a second of a change of state', async () => {
    const clock = new ManualClock(now);
    const transport = new CountingTransport();
    const status = { current: healthy };
    const publisher = start(clock, transport, status);
    await clock.advance(0);
    expect(transport.sent).toHaveLength(1);
    await clock.advance(29_000);
    expect(transport.sent).toHaveLength(1);
    await clock.advance(1_000);
    expect(transport.sent).toHaveLength(2);
    status.current = { ...healthy, deadLetters: 1 };
    publisher.wake();
    await clock.advance(1_000);
    expect(transport.sent).toHaveLength(3);
    expect(transport.sent[2]?.deadLetters.count).toBe(1);
    await publisher.stop();
    expect(transport.sent.at(-1)?.state).toBe('stopped');
  });

  it('keeps only the latest record while the broker is away and sends it the moment it answers', async () => {
    const clock = new ManualClock(now);
    const transport = new CountingTransport();
    const status = { current: healthy };
    const publisher = start(clock, transport, status);
    await clock.advance(0);
    transport.reachable = false;
    status.current = { ...healthy, connection: { state: 'offline', since } };
    publisher.wake();
    await clock.advance(3_600_000);
    expect(transport.sent).toHaveLength(1);
    transport.reachable = true;
    status.current = { ...healthy, connection: { state: 'online', since: '2026-11-22T13:05:00.000Z' } };
    publisher.retryNow();
    await clock.advance(0);
    expect(transport.sent).toHaveLength(2);
    expect(transport.sent[1]?.connection.since).toBe('2026-11-22T13:05:00.000Z');
    await publisher.stop();
  });

  it('does not hang a stop while the broker is away', async () => {
    const clock = new ManualClock(now);
    const transport = new CountingTransport();
    const publisher = start(clock, transport, { current: healthy });
    await clock.advance(0);
    transport.reachable = false;
    await clock.advance(30_000);
    await publisher.stop();
    expect(transport.sent.map((h) => h.state)).toEqual(['running']);
  });
});
