import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RestartBudget } from './crash-restart';

describe('relaunching after a crash of the main process', () => {
  const file = () => join(mkdtempSync(join(tmpdir(), 'kds-restart-')), 'crash-restarts.json');

  it('five relaunches in ten minutes, then none until the window has passed; the count survives the relaunch', () => {
    const path = file();
    const start = Date.parse('2026-11-23T12:00:00Z');
    for (let i = 0; i < 5; i += 1) expect(new RestartBudget(path).take(start + i * 1000)).toBe(true);
    expect(new RestartBudget(path).take(start + 60_000)).toBe(false);
    expect(new RestartBudget(path).take(start + 10 * 60_000 + 1000)).toBe(true);
  });

  it('in memory (a renderer in this process): the same limit', () => {
    const budget = new RestartBudget(undefined, 2, 60_000);
    expect([budget.take(0), budget.take(1), budget.take(2), budget.take(60_001)]).toEqual([true, true, false, true]);
  });

  it('a damaged count file does not stop the relaunch', () => {
    const path = file();
    writeFileSync(path, '{not json');
    expect(new RestartBudget(path).take()).toBe(true);
  });
});
