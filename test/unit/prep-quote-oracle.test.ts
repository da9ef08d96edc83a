import { describe, expect, it } from 'vitest';
import { measurePrepQuotes, oracleLine } from '../../scripts/simulator/quote-oracle';

describe('the load-aware prep-time quote against a rush day that queues', () => {
  // A few hundred orders in the lunch and dinner rushes, six cooks a station (the grill then runs
  // past its capacity at the peaks), one line in ten without a cook time in its event.
  const figures = measurePrepQuotes({ orders: 300, cooksPerStation: 6, seed: 11, unknownCookTimeShare: 0.1 });
  console.log(oracleLine(figures));

  it('is a real rush: orders wait well beyond their own cook time at the peaks', () => {
    expect(figures.orders).toBeGreaterThan(250);
    expect(figures.ready.p90).toBeGreaterThan(1.5 * figures.ready.median);
  });

  it('errs less, at the median, than adding up the cook times or saying 15 minutes', () => {
    expect(figures.loadAware.median).toBeLessThan(figures.naive.median);
    expect(figures.loadAware.median).toBeLessThan(figures.fixed15.median);
  });

  it('owes its tail to the load: without it, the same model errs more in the rush', () => {
    expect(figures.loadAware.p90).toBeLessThan(figures.withoutLoad.p90);
    expect(figures.loadAware.p90).toBeLessThan(figures.naive.p90);
  });
});
