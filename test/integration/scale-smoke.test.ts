import { describe, expect, it } from 'vitest';
import { runScale } from '../../scripts/bench/scale';
import { testBootstrap } from '../support/kafka';

/** `npm run bench:scale` in seconds, so that its scripts cannot rot: both modes run and the routed terminals fetch less. */
describe('the scale run, smoke-sized', () => {
  it(
    'filter and routed terminals each get every record of their merchant; routed ones fetch a fraction',
    { timeout: 120_000 },
    async () => {
      const result = await runScale(
        { bootstrap: testBootstrap() },
        { terminals: 6, merchants: 20, seconds: 3, processes: 2, filterPartitions: 6, routedPartitions: 12 },
      );
      for (const side of [result.filter, result.routed]) {
        expect(side.terminals).toBe(6);
        expect(side.terminalsMissingOwnRecords).toBe(0);
      }
      expect(result.filter.perTerminal.otherRecordsMedian).toBeGreaterThan(result.routed.perTerminal.otherRecordsMedian);
      expect(result.routed.perTerminal.bytesFetchedMedian).toBeLessThan(result.filter.perTerminal.bytesFetchedMedian / 2);
    },
  );
});
