import { describe, expect, it } from 'vitest';
import { placedOrder } from '../../../test/support/events';
import { applyEvent, trustedEventTime } from './apply-event';

const received = Date.parse('2026-11-22T12:00:00.000Z');
const minutes = (n: number) => new Date(received + n * 60_000).toISOString();

describe("a producer's clock is not the terminal's", () => {
  it('never trusts a time after the event was received', () => {
    expect(trustedEventTime(minutes(10), received)).toBe(minutes(0));
    expect(trustedEventTime(minutes(10), received, true)).toBe(minutes(0));
  });

  it('an event that arrived live but claims to be older than the tolerance takes the receive time', () => {
    expect(trustedEventTime(minutes(-10), received, true)).toBe(minutes(0));
    expect(trustedEventTime(minutes(-0.5), received, true)).toBe(minutes(-0.5));
  });

  it('an event read from a backlog keeps its own time: it really is that old', () => {
    expect(trustedEventTime(minutes(-30), received, false)).toBe(minutes(-30));
    expect(trustedEventTime(minutes(-30), undefined)).toBe(minutes(-30));
  });

  it('a backlog event in UTC text answers as a parsed date would, a millisecond either side and in other forms', () => {
    const parsed = (occurredAt: string, at: number) => (Date.parse(occurredAt) > at ? new Date(at).toISOString() : occurredAt);
    for (const offsetMs of [-86_400_000, -1, 0, 1, 59_999, 3_600_000]) {
      const time = new Date(received + offsetMs);
      const forms = [time.toISOString(), time.toISOString().replace('Z', '+00:00'), time.toISOString().replace(/\.\d{3}Z$/, 'Z')];
      for (const occurredAt of forms) expect(trustedEventTime(occurredAt, received), occurredAt).toBe(parsed(occurredAt, received));
      expect(trustedEventTime(time.toISOString(), received + 7), 'another receive time').toBe(parsed(time.toISOString(), received + 7));
    }
  });

  it("an order's placed time is the trusted time of its first event", () => {
    const ahead = applyEvent(undefined, placedOrder('o1', { occurredAt: minutes(10) }), { receivedAt: received, live: true });
    expect(ahead.placedAt).toBe(minutes(0));
    const behind = applyEvent(undefined, placedOrder('o2', { occurredAt: minutes(-10) }), { receivedAt: received, live: true });
    expect(behind.placedAt).toBe(minutes(0));
  });
});
