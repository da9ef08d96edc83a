import { describe, expect, it } from 'vitest';
import { countdown, durationText, minutesLeftToday, untilText } from './countdown';
import { timeOfDay } from './i18n/format';
import { startI18n } from './i18n';

const t = startI18n('en').t;

const deadline = '2026-12-03T12:03:00.000Z';
const at = (iso: string) => Date.parse(iso);

describe('the countdown to an answer', () => {
  it('reads mm:ss, rounded up so it shows 00:00 only at the deadline', () => {
    expect(countdown(deadline, at('2026-12-03T12:00:00.000Z'))).toEqual({ text: '03:00', seconds: 180, urgent: false, over: false });
    expect(countdown(deadline, at('2026-12-03T12:00:00.400Z')).text).toBe('03:00');
    expect(countdown(deadline, at('2026-12-03T12:00:01.000Z')).text).toBe('02:59');
    expect(countdown(deadline, at('2026-12-03T12:02:59.900Z'))).toMatchObject({ text: '00:01', over: false });
    expect(countdown('2026-12-03T13:00:00.000Z', at('2026-12-03T12:00:00.000Z')).text).toBe('60:00');
  });

  it('turns urgent in the last minute, and never goes negative once over', () => {
    expect(countdown(deadline, at('2026-12-03T12:01:59.000Z')).urgent).toBe(false);
    expect(countdown(deadline, at('2026-12-03T12:02:00.000Z'))).toMatchObject({ text: '01:00', urgent: true });
    expect(countdown(deadline, at('2026-12-03T12:03:00.000Z'))).toEqual({ text: '00:00', seconds: 0, urgent: true, over: true });
    expect(countdown(deadline, at('2026-12-03T12:10:00.000Z'))).toMatchObject({ text: '00:00', over: true });
  });

  it('says a deadline it cannot read is over rather than showing nonsense', () => {
    expect(countdown('not a time', 0)).toMatchObject({ text: '00:00', over: true });
  });
});

describe('times a cook reads', () => {
  it('gives a time of day as 24-hour HH:MM on the local clock', () => {
    expect(timeOfDay(new Date(2026, 11, 3, 9, 5, 59).toISOString())).toBe('09:05');
    expect(timeOfDay(new Date(2026, 11, 3, 18, 48).toISOString())).toBe('18:48');
  });

  it('gives station waits in seconds under a minute, else in minutes', () => {
    expect(durationText(0, t)).toBe('0 s');
    expect(durationText(45, t)).toBe('45 s');
    expect(durationText(60, t)).toBe('1 min');
    expect(durationText(270, t)).toBe('5 min');
    expect(durationText(420, t)).toBe('7 min');
  });

  it('counts the minutes left in the local day, ending in its last minute, at least one', () => {
    const endsAt = (now: number) => untilText(new Date(now + minutesLeftToday(now) * 60_000).toISOString(), t);
    expect(endsAt(new Date(2026, 11, 3, 22, 30).getTime())).toBe('for the rest of the day');
    expect(endsAt(new Date(2026, 11, 3, 9, 15, 42).getTime())).toBe('for the rest of the day');
    expect(minutesLeftToday(new Date(2026, 11, 3, 22, 30).getTime())).toBe(89);
    expect(minutesLeftToday(new Date(2026, 11, 3, 22, 30, 30).getTime())).toBe(89);
    expect(minutesLeftToday(new Date(2026, 11, 3, 23, 59, 30).getTime())).toBe(1);
    expect(minutesLeftToday(new Date(2026, 11, 3, 0, 0).getTime())).toBe(24 * 60 - 1);
  });

  it("says until when an item is 86'd: a time, the rest of the day, or until brought back", () => {
    expect(untilText(new Date(2026, 11, 3, 17, 30).toISOString(), t)).toBe('until 17:30');
    expect(untilText(new Date(2026, 11, 3, 23, 59, 59, 999).toISOString(), t)).toBe('for the rest of the day');
    expect(untilText(null, t)).toBe('until brought back');
  });
});
