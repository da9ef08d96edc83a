import { expect, test, type Page } from '@playwright/test';
import { LocalBroker } from '../../scripts/kafka/local-broker';
import { testConfig } from '../support/core-harness';
import { grillAndFryOrder } from '../support/kitchen-fixtures';
import { openScreen, useKitchenHosts } from './screens';

const startHost = useKitchenHosts();
const PIN = '4711';
const PEERS = 'Kitchen peers (screens in sync over the LAN)';

/** The peers panel of a screen's diagnostics, opened as support opens it. */
async function peersPanel(page: Page) {
  await page.getByRole('button', { name: 'Diagnostics' }).click();
  const panel = page.getByRole('region', { name: PEERS });
  await panel.getByLabel('PIN').fill(PIN);
  return panel;
}

test('with Kafka down, a bump on grill reaches expo over the LAN: paired in diagnostics, the status bar says which path is live', async ({
  browser,
}) => {
  test.setTimeout(240_000);
  // This test freezes its broker, so it has its own.
  const broker = await LocalBroker.create();
  await broker.start();
  try {
    const base = { diagnosticsPin: PIN, peers: { port: 0 } };
    const grillConfig = testConfig(broker.bootstrap, { ...base, terminalId: 'grill-1', stations: ['grill'] });
    const grill = await startHost({ config: grillConfig, bootstrap: broker.bootstrap, createTopics: true });
    const expo = await startHost({
      config: testConfig(broker.bootstrap, { ...base, env: grillConfig.env, terminalId: 'expo-1' }),
      bootstrap: broker.bootstrap,
    });
    const [grillPage, expoPage] = await Promise.all([
      browser.newPage({ viewport: { width: 1280, height: 800 } }),
      browser.newPage({ viewport: { width: 1280, height: 800 } }),
    ]);
    await openScreen(grillPage, grill);
    await openScreen(expoPage, expo);
    await grill.produce([grillAndFryOrder('ord-p1'), grillAndFryOrder('ord-p2')]);
    const onGrill = grillPage.getByRole('article', { name: 'Ticket ORD-P1' });
    const onExpo = expoPage.getByRole('article', { name: 'Ticket ORD-P1' });
    await expect(onGrill).toBeVisible({ timeout: 20_000 });
    await expect(onExpo).toBeVisible({ timeout: 20_000 });

    // Support pairs the two terminals once: expo shows a code, grill enters it with expo's address.
    const expoPeers = await peersPanel(expoPage);
    await expoPeers.getByRole('button', { name: 'Show a code for another terminal' }).click();
    const code = (await expoPeers.locator('.pairing-code__digits').textContent())?.replace(/\s/g, '') ?? '';
    const address = /address: (\S+)$/.exec((await expoPeers.locator('.pairing-code').textContent()) ?? '')?.[1] ?? '';
    expect(code).toMatch(/^\d{8}$/);
    const grillPeers = await peersPanel(grillPage);
    const pairForm = grillPeers.getByRole('form', { name: 'Pair with another terminal' });
    // Grill found expo on the LAN (mDNS): one tap puts its address in the form.
    await grillPeers.getByRole('button', { name: /^Use the address of expo-1/ }).click({ timeout: 15_000 });
    await expect(pairForm.getByLabel(/Its address/)).toHaveValue(address);
    await pairForm.getByLabel('Its code').fill(code);
    await pairForm.getByRole('button', { name: 'Pair' }).click();
    await expect(grillPeers.getByRole('status')).toHaveText('Paired with expo-1.');
    await expect(grillPeers.getByRole('table', { name: 'Kitchen peers list' })).toContainText('● answers', { timeout: 10_000 });
    await expect(expoPeers.getByRole('table', { name: 'Kitchen peers list' })).toContainText('grill-1', { timeout: 10_000 });
    await grillPage.screenshot({ path: 'test-results/e2e/peers-diagnostics-grill.png' });
    for (const page of [grillPage, expoPage])
      await page.getByRole('dialog', { name: 'Diagnostics' }).getByRole('button', { name: 'Close' }).click();

    // The restaurant's line goes down without a reset.
    broker.pause();
    for (const page of [grillPage, expoPage])
      await expect(page.locator('.status-bar [role="status"]').first()).toHaveText(
        /Kafka OFFLINE for .* — kitchen in sync over LAN \(2 screens\)/,
        {
          timeout: 60_000,
        },
      );

    const grillChip = onExpo.getByRole('list', { name: 'Stations' }).getByText('grill');
    const tappedAt = Date.now();
    await onGrill.getByRole('button', { name: 'Bump' }).click();
    await expect(grillChip).toHaveText('✓ grill', { timeout: 1_000 });
    console.log(`kitchen peers e2e: with Kafka frozen, grill's bump on expo's screen after ${Date.now() - tappedAt} ms`);
    await expoPage.screenshot({ path: 'test-results/e2e/peers-expo-kafka-down.png' });
    await grillPage.screenshot({ path: 'test-results/e2e/peers-grill-kafka-down.png' });
    await Promise.all([grillPage.close(), expoPage.close()]);
  } finally {
    broker.resume();
    await broker.destroy();
  }
});
