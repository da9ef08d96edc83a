import { measurePrepQuotes, oracleLine } from '../simulator/quote-oracle';

/**
 * `tsx scripts/bench/prep-quote-oracle.ts [SEED] [ORDERS] [COOKS_PER_STATION]`: the prep-time
 * quote's oracle for one simulated rush day — how far the load-aware quote, a naive one (the
 * order's cook times added up) and a fixed 15 minutes were from the real ready times. A script
 * that prints figures, not a test (test/unit/prep-quote-oracle.test.ts asserts them for one day).
 */
const argument = (index: number, fallback: number) => Number(process.argv[2 + index] ?? fallback);
const seed = argument(0, 11);
const orders = argument(1, 300);
const cooks = argument(2, 6);
if (![seed, orders, cooks].every(Number.isInteger) || orders < 20 || cooks < 1 || cooks > 20) {
  console.error('usage: tsx scripts/bench/prep-quote-oracle.ts [SEED] [ORDERS >= 20] [COOKS_PER_STATION 1..20]');
  process.exit(2);
}
// One line in ten without a cook time in its event, as in the test.
const figures = measurePrepQuotes({ seed, orders, cooksPerStation: cooks, unknownCookTimeShare: 0.1 });
const minutes = (value: number) => `${value.toFixed(1)} min`;
console.log(`seed ${seed}, ${cooks} cooks a station`);
console.log(`real ready time after placement: median ${minutes(figures.ready.median)}, p90 ${minutes(figures.ready.p90)}`);
console.log(oracleLine(figures));
console.log(`the same model without the load: ${minutes(figures.withoutLoad.median)} (p90 ${minutes(figures.withoutLoad.p90)})`);
