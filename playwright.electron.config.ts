import { defineConfig } from '@playwright/test';

/**
 * The real desktop app, launched by Playwright's Electron driver: runs wherever an Electron
 * binary is installed (the hosted runners of `.github/workflows/desktop.yml`), never here —
 * Electron cannot be downloaded on the development machines (README: "The desktop app").
 */
export default defineConfig({
  testDir: 'test/electron',
  testMatch: '**/*.spec.ts',
  outputDir: 'test-results/electron',
  workers: 1,
  retries: 0,
  forbidOnly: true,
  timeout: 180_000,
  reporter: [['list']],
});
