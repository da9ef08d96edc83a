import { describe, expect, it } from 'vitest';
import { prototypePipeline } from '../../scripts/bench/prototype-pipeline';
import { testBootstrap } from '../support/kafka';

/** `npm run bench:prototype` in seconds, so that the measured next design step cannot rot. */
describe("the next design step's prototype, smoke-sized", () => {
  it('drains the same backlog as raw kafkajs and the terminal, in one thread and in two, applying every event once', async () => {
    const run = await prototypePipeline(testBootstrap(), 1_200, 1, () => undefined);
    for (const side of [run.raw, run.terminal, run.oneThread, run.twoThreads, run.oneThreadText, run.twoThreadsText])
      expect(side.eventsPerSecond).toBeGreaterThan(0);
    for (const side of [run.oneThread, run.twoThreads, run.oneThreadText, run.twoThreadsText]) {
      // The simulator's stream: each event applied once, its duplicates (2 %) recognised by version, nothing refused.
      expect(side.applied + side.duplicates).toBe(run.events);
      expect(side.duplicates).toBeGreaterThan(0);
      expect([side.parked, side.refused]).toEqual([0, 0]);
    }
  });
});
