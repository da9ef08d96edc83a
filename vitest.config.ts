import { defineConfig } from 'vitest/config';

/**
 * Two tiers. `unit`: pure logic and real SQLite files, no broker and no JVM, injected clocks;
 * seconds (`npm run test:unit`). `integration`: real Kafka (one broker per run), real SQLite
 * files, child processes killed with SIGKILL.
 */
export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Two cores: integration tests each drive a real broker, so keep parallelism modest.
    maxWorkers: 2,
    minWorkers: 1,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['{shared,electron,fleet,renderer,scripts}/**/*.test.{ts,tsx}', 'test/unit/**/*.test.ts'],
          testTimeout: 10_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          globalSetup: ['test/support/global-kafka.ts'],
        },
      },
    ],
  },
});
