import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../test/support/manual-clock';
import { REFUSAL_LOG_WINDOW_MS, RefusalLog } from './refusal-log';

describe("the web host's refusal log", () => {
  it('writes the first refusal of a minute in full and counts the others in one line', async () => {
    const clock = new ManualClock();
    const lines: string[] = [];
    const refusals = new RefusalLog((line) => lines.push(line), clock);
    for (let i = 0; i < 10_000; i += 1) refusals.note(i % 2 ? '401 Unauthorized' : '403 Forbidden', `request ${i}`);
    expect(lines).toEqual(['web host refused a request (403 Forbidden): request 0']);
    await clock.advance(REFUSAL_LOG_WINDOW_MS);
    expect(lines[1]).toBe('web host: 9999 more refused requests in the last minute (5000 × 401 Unauthorized, 4999 × 403 Forbidden)');
    refusals.note('401 Unauthorized', 'later');
    await clock.advance(REFUSAL_LOG_WINDOW_MS);
    expect(lines).toHaveLength(3);
    expect(lines[2]).toBe('web host refused a request (401 Unauthorized): later');
  });
});
