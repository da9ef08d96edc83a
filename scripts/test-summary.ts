import { existsSync, readFileSync } from 'node:fs';

/** One closing line over both runners, so a reader (or CI) sees the whole run's counts. */
interface Counts {
  passed: number;
  failed: number;
  skipped: number;
}

function vitestCounts(file: string): Counts {
  const report = JSON.parse(readFileSync(file, 'utf8')) as {
    numPassedTests: number;
    numFailedTests: number;
    numPendingTests: number;
    numTodoTests: number;
  };
  return { passed: report.numPassedTests, failed: report.numFailedTests, skipped: report.numPendingTests + report.numTodoTests };
}

function playwrightCounts(file: string): Counts {
  const report = JSON.parse(readFileSync(file, 'utf8')) as {
    stats: { expected: number; unexpected: number; flaky: number; skipped: number };
  };
  return { passed: report.stats.expected, failed: report.stats.unexpected + report.stats.flaky, skipped: report.stats.skipped };
}

/** Reports by file name: `*playwright*.json` is Playwright's, any other is a vitest run (unit, integration). */
const files = process.argv.slice(2);
const total: Counts = { passed: 0, failed: 0, skipped: 0 };
let missing = false;
for (const [file, read] of files.map((file) => [file, file.includes('playwright') ? playwrightCounts : vitestCounts] as const)) {
  if (!file || !existsSync(file)) {
    missing = true;
    console.error(`no report at ${file}: that runner did not finish`);
    continue;
  }
  const counts = read(file);
  total.passed += counts.passed;
  total.failed += counts.failed;
  total.skipped += counts.skipped;
}
console.log(`kds: ${total.passed} passed, ${total.failed} failed${total.skipped ? `, ${total.skipped} skipped` : ''}`);
process.exit(missing || total.failed > 0 || total.skipped > 0 ? 1 : 0);
