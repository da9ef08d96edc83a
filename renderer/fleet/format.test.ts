import { describe, expect, it } from 'vitest';
import type { FleetTerminal } from '../../shared/fleet';
import { age, clockTime, count } from './format';
import { byTrouble } from './terminal-table';

describe('fleet page figures', () => {
  it('reads ages at a glance: seconds, then minutes and seconds, then minutes, then hours', () => {
    expect([age(null), age(0), age(59.6), age(372), age(720), age(7_500)]).toEqual([
      'never',
      '0 s',
      '1 min 0 s',
      '6 min 12 s',
      '12 min',
      '2 h 5 min',
    ]);
  });

  it('groups thousands and says unknown for a missing figure', () => {
    expect([count(1240), count(null), count(undefined, '—')]).toEqual(['1,240', 'unknown', '—']);
  });

  it('gives clock times as HH:MM:SS on any locale', () => {
    expect(clockTime(new Date(2026, 0, 2, 9, 5, 7).getTime())).toBe('09:05:07');
    expect(clockTime('not a time')).toBe('—');
  });

  it('sorts worst first and keeps the service order between equals', () => {
    const t = (key: string, trouble: number) => ({ key, trouble }) as FleetTerminal;
    expect(byTrouble([t('a', 0), t('b', 90), t('c', 0), t('d', 30)]).map((x) => x.key)).toEqual(['b', 'd', 'a', 'c']);
  });
});
