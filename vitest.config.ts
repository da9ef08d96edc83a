import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['{shared,electron,renderer,scripts,test}/**/*.test.{ts,tsx}'],
    exclude: ['test/e2e/**', 'node_modules/**', 'dist/**'],
    globalSetup: ['test/support/global-kafka.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Two cores: integration tests each drive a real broker, so keep parallelism modest.
    maxWorkers: 2,
    minWorkers: 1,
  },
});
