import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../test/support/manual-clock';
import { CLIENT_LOG_WINDOW_MS, RepeatedLines } from './client-log';

const MISSING = 'kafkajs Connection: Response Metadata(key: 3, version: 6): This server does not host this topic-partition';

describe("kafkajs' log lines on a terminal", () => {
  it('a retried failure is written once a minute with the count of its repeats, other lines in full between', async () => {
    const clock = new ManualClock();
    const lines: string[] = [];
    const log = new RepeatedLines((level, line) => lines.push(`${level} ${line}`), clock);
    for (let retry = 0; retry < 500; retry += 1) log.write('error', MISSING);
    log.write('warn', 'kafkajs Consumer: Starting');
    expect(lines).toEqual([`error ${MISSING}`, 'warn kafkajs Consumer: Starting']);
    await clock.advance(CLIENT_LOG_WINDOW_MS);
    expect(lines.slice(2)).toEqual([`error 499 more in the last minute: ${MISSING}`]);
    // A new minute: the line is written in full again, and a line that did not repeat adds no count.
    log.write('error', MISSING);
    await clock.advance(CLIENT_LOG_WINDOW_MS);
    expect(lines.slice(3)).toEqual([`error ${MISSING}`]);
  });

  it('a flood of distinct lines is written as it comes, without tracking more than a bounded number', async () => {
    const clock = new ManualClock();
    const lines: string[] = [];
    const log = new RepeatedLines((_level, line) => lines.push(line), clock);
    for (let n = 0; n < 1_000; n += 1) log.write('warn', `line ${n}`);
    for (let n = 0; n < 1_000; n += 1) log.write('warn', `line ${n}`);
    // The first 200 are tracked (their repeats counted), the others written each time.
    expect(lines).toHaveLength(1_000 + 800);
    await clock.advance(CLIENT_LOG_WINDOW_MS);
    expect(lines.filter((line) => line.startsWith('1 more in the last minute'))).toHaveLength(200);
  });
});
