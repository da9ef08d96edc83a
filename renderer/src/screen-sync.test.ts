import { beforeEach, describe, expect, it } from 'vitest';
import type { EventName, RequestName, TicketSnapshot } from '../../shared/app-api';
import type { CoreStatus } from '../../shared/core-status';
import { CoreClient } from './core-client';
import type { Link } from './link';
import { startScreenSync } from './screen-sync';
import { useTickets } from './ticket-store';

const status: CoreStatus = {
  connection: { state: 'online', since: '2026-11-22T12:00:00.000Z' },
  consumer: { state: 'running', since: '2026-11-22T12:00:00.000Z' },
  log: { topic: 'dev.orders', clusterId: null },
  lag: [],
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
const ticket = (orderId: string) => ({
  orderId,
  displayNumber: orderId,
  channel: 'DINE_IN' as const,
  table: null,
  customerName: null,
  notes: null,
  priority: 'NORMAL' as const,
  status: 'NEW' as const,
  placedAt: '2026-11-22T12:00:00.000Z',
  fireAt: '2026-11-22T12:00:00.000Z',
  items: [],
  moreItems: 0,
  stations: [],
  removedItems: [],
  laterCourses: [],
  modified: false,
  possiblyIncomplete: false,
  paid: false,
  alert: null,
  cancelReason: null,
  acceptance: null,
  unavailableLines: [],
});
const snapshot = (seq: number, ids: string[]): TicketSnapshot => ({
  seq,
  tickets: ids.map(ticket),
  status,
  screen: { warnMinutes: 5, lateMinutes: 8, terminalId: 'expo-1', stations: [], sound: true, pausePin: false },
});

/** A link whose snapshot answers the test releases by hand, to cross them with deltas. */
class ScriptedLink implements Link {
  readonly snapshotAnswers: ((raw: unknown) => void)[] = [];
  private readonly listeners = new Map<EventName, (payload: unknown) => void>();
  private connection: (connected: boolean) => void = () => undefined;
  start(): void {
    this.connection(true);
  }
  request(name: RequestName): Promise<unknown> {
    if (name !== 'snapshot') return Promise.resolve({ ok: false, error: 'not scripted' });
    return new Promise((resolve) => this.snapshotAnswers.push(resolve));
  }
  on(event: EventName, listener: (payload: unknown) => void): () => void {
    this.listeners.set(event, listener);
    return () => this.listeners.delete(event);
  }
  onConnection(listener: (connected: boolean) => void): () => void {
    this.connection = listener;
    return () => undefined;
  }
  push(event: EventName, payload: unknown): void {
    this.listeners.get(event)?.(payload);
  }
}

const flush = () => new Promise((resolve) => setImmediate(resolve));
const shown = () => Object.keys(useTickets.getState().tickets).sort();

describe('screen sync over any link (the renderer parses everything it receives)', () => {
  let link: ScriptedLink;
  const invalid: string[] = [];
  beforeEach(() => {
    useTickets.setState({ seq: -1, tickets: {} });
    link = new ScriptedLink();
    startScreenSync(link, new CoreClient(link, (error) => invalid.push(error)));
  });

  it('deltas that cross the snapshot are held and applied after it, in order', async () => {
    expect(link.snapshotAnswers).toHaveLength(1);
    link.push('delta', { seq: 6, upserts: [ticket('c')], removes: [] });
    link.push('delta', { seq: 5, upserts: [ticket('b')], removes: [] });
    link.snapshotAnswers[0]?.({ ok: true, value: snapshot(4, ['a']) });
    await flush();
    expect(useTickets.getState().seq).toBe(6);
    expect(shown()).toEqual(['a', 'b', 'c']);
    expect(link.snapshotAnswers).toHaveLength(1);
  });

  it('a gap asks for one snapshot; a malformed delta is reported and also resyncs', async () => {
    link.snapshotAnswers[0]?.({ ok: true, value: snapshot(1, ['a']) });
    await flush();
    link.push('delta', { seq: 3, upserts: [], removes: ['a'] });
    link.push('delta', { seq: 4, upserts: [], removes: [] });
    expect(link.snapshotAnswers).toHaveLength(2);
    link.snapshotAnswers[1]?.({ ok: true, value: snapshot(4, ['z']) });
    await flush();
    expect(shown()).toEqual(['z']);

    link.push('delta', { seq: 5, upserts: [{ orderId: 'no other fields' }], removes: [] });
    expect(invalid.at(-1)).toContain('delta event does not match the app API');
    expect(link.snapshotAnswers).toHaveLength(3);
  });

  it('a malformed snapshot answer is not applied', async () => {
    link.snapshotAnswers[0]?.({ ok: true, value: { seq: 'x' } });
    await flush();
    expect(useTickets.getState().seq).toBe(-1);
  });
});
