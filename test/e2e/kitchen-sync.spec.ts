import { expect, test } from '@playwright/test';
import { testConfig } from '../support/core-harness';
import { grillAndFryOrder } from '../support/kitchen-fixtures';
import { openScreen as open, useKitchenHosts } from './screens';

const startHost = useKitchenHosts();

test('one kitchen, three screens: a bump on grill shows on expo within a second and clears the other grill screen', async ({ browser }) => {
  const bootstrap = process.env.KDS_TEST_BOOTSTRAP ?? '';
  const grillConfig = testConfig(bootstrap, { terminalId: 'grill-1', stations: ['grill'] });
  const grill = await startHost({ config: grillConfig, createTopics: true });
  const grill2 = await startHost({
    config: testConfig(bootstrap, { env: grillConfig.env, terminalId: 'grill-2', stations: ['grill'] }),
  });
  const expo = await startHost({ config: testConfig(bootstrap, { env: grillConfig.env, terminalId: 'expo-1' }) });

  const [grillPage, grill2Page, expoPage] = await Promise.all([browser.newPage(), browser.newPage(), browser.newPage()]);
  if (!grillPage || !grill2Page || !expoPage) throw new Error('pages');
  await open(grillPage, grill);
  await open(grill2Page, grill2);
  await open(expoPage, expo);
  await expect(grillPage.getByText('grill', { exact: true }).first()).toBeVisible();
  await expect(expoPage.getByText('Expo — all stations')).toBeVisible();

  await grill.produce([grillAndFryOrder('ord-s1')]);
  const onGrill = grillPage.getByRole('article', { name: 'Ticket ORD-S1' });
  const onGrill2 = grill2Page.getByRole('article', { name: 'Ticket ORD-S1' });
  const onExpo = expoPage.getByRole('article', { name: 'Ticket ORD-S1' });
  await expect(onGrill).toBeVisible({ timeout: 20_000 });
  await expect(onGrill2).toBeVisible({ timeout: 20_000 });
  await expect(onExpo).toBeVisible({ timeout: 20_000 });
  // Station routing: grill screens show only the grill's line; expo shows both and each station's progress.
  await expect(onGrill).toContainText('Cheeseburger');
  await expect(onGrill).not.toContainText('Fries');
  await expect(onExpo).toContainText('Fries');
  const grillChip = onExpo.getByRole('list', { name: 'Stations' }).getByText('grill');

  // A line struck on grill is struck on expo too.
  await onGrill.getByRole('button', { name: /Cheeseburger/ }).click();
  await expect(onExpo.locator('.item--done')).toContainText('Cheeseburger', { timeout: 5_000 });

  const tappedAt = Date.now();
  await onGrill.getByRole('button', { name: 'Bump' }).click();
  await expect(grillChip).toHaveText('✓ grill', { timeout: 1_000 });
  const seenOnExpo = Date.now() - tappedAt;
  await expect(onGrill2).toHaveCount(0, { timeout: 1_000 });
  const clearedOnGrill2 = Date.now() - tappedAt;
  console.log(
    `kitchen sync: grill bump seen on expo after ${seenOnExpo} ms, cleared on the other grill screen after ${clearedOnGrill2} ms`,
  );
  expect(seenOnExpo).toBeLessThan(1_000);
  await expect(onGrill).toHaveCount(0);
  await expoPage.screenshot({ path: 'test-results/e2e/expo-after-grill-bump.png' });

  // Expo bumps the whole ticket: served, gone from every screen of the kitchen.
  await onExpo.getByRole('button', { name: 'Bump' }).click();
  await expect(onExpo).toHaveCount(0);
  await expect.poll(() => grill.terminal.status().outbox.pending + expo.terminal.status().outbox.pending).toBe(0);
  await Promise.all([grillPage.close(), grill2Page.close(), expoPage.close()]);
});
