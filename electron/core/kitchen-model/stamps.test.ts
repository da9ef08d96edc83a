import { describe, expect, it } from 'vitest';
import { actionTime, lastWriters, stampIso, stampOf, stampTime, utcIso, wins } from './stamps';

describe('stamps (last writer wins)', () => {
  it('compare by time whatever offset or precision the writing terminal used; the event id breaks ties', () => {
    // 12:00:05 in Lisbon's summer offset is 11:00:05Z: earlier than 11:30Z, though its text sorts later.
    const offset = stampOf({ occurredAt: '2026-07-01T12:00:05+01:00', eventId: 'a' });
    const utc = stampOf({ occurredAt: '2026-07-01T11:30:00Z', eventId: 'b' });
    expect(offset).toBe('2026-07-01T11:00:05.000Z|a');
    expect(wins(utc, offset)).toBe(true);
    expect(wins(offset, utc)).toBe(false);
    const tieA = stampOf({ occurredAt: '2026-07-01T11:30:00.000Z', eventId: 'a' });
    expect(wins(utc, tieA)).toBe(true);
    expect(wins(utc, utc)).toBe(false);
    expect(wins(utc, undefined)).toBe(true);
  });

  it('UTC ISO with milliseconds is kept as written; any other offset or precision is normalised to it', () => {
    expect(utcIso('2026-07-01T11:30:00.123Z')).toBe('2026-07-01T11:30:00.123Z');
    expect(utcIso('2026-07-01T11:30:00.1234Z')).toBe('2026-07-01T11:30:00.123Z');
    expect(utcIso('2026-07-01T13:30:00.123+02:00')).toBe('2026-07-01T11:30:00.123Z');
  });

  it('read back their time; the empty stamp of a scope never bumped is time 0', () => {
    expect(stampTime('2026-07-01T11:30:00.000Z|b')).toBe(Date.parse('2026-07-01T11:30:00.000Z'));
    expect(stampIso('2026-07-01T11:30:00.000Z|b')).toBe('2026-07-01T11:30:00.000Z');
    expect(stampTime('')).toBe(0);
  });

  it('the last writer of each key is the newest stamp, in whatever order the events come', () => {
    const rows = [
      { key: 'grill', at: '2026-07-01T12:10:00+01:00', id: 'late-but-earlier' },
      { key: 'grill', at: '2026-07-01T11:20:00Z', id: 'newest' },
      { key: 'fry', at: '2026-07-01T11:00:00Z', id: 'only' },
    ];
    for (const order of [rows, [...rows].reverse()]) {
      const last = lastWriters(
        order,
        (row) => row.key,
        (row) => stampOf({ occurredAt: row.at, eventId: row.id }),
      );
      expect([...last].map(([key, row]) => [key, row.id]).sort()).toEqual([
        ['fry', 'only'],
        ['grill', 'newest'],
      ]);
    }
  });

  it("a new action is stamped now, but after the newest event known (a clock running behind another screen's)", () => {
    const now = Date.parse('2026-11-22T12:05:00.000Z');
    expect(actionTime(now, null)).toBe(now);
    expect(actionTime(now, '2026-11-22T12:00:00.000Z|k1')).toBe(now);
    expect(actionTime(now, '2026-11-22T12:10:00.000Z|k1')).toBe(Date.parse('2026-11-22T12:10:00.001Z'));
  });
});
