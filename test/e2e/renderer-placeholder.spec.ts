import { expect, test } from '@playwright/test';

test('the built renderer loads in Chromium under its CSP and shows the kitchen screen shell', async ({ page }) => {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));

  const url = process.env.KDS_E2E_URL;
  expect(url, 'global setup serves the renderer').toBeTruthy();
  await page.goto(url ?? '');
  await expect(page.getByRole('heading', { name: 'KDS Kitchen Display' })).toBeVisible();
  await expect(page.getByRole('status')).toHaveText('Waiting for the kitchen core');
  await expect(page.getByText('No tickets yet')).toBeVisible();
  await page.screenshot({ path: 'test-results/e2e/renderer-placeholder.png' });
  expect(problems, 'no script errors or CSP violations').toEqual([]);
});
