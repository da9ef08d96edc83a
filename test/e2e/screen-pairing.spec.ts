import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { testConfig } from '../support/core-harness';
import { grillAndFryOrder } from '../support/kitchen-fixtures';
import { useKitchenHosts } from './screens';

const startHost = useKitchenHosts();
const PIN = '2468';

async function codeFromDiagnostics(page: Page): Promise<string> {
  await page.getByRole('button', { name: 'Diagnostics' }).click();
  await page.getByRole('button', { name: 'Pair a screen' }).click();
  const digits = (await page.getByLabel('Pairing code').textContent()) ?? '';
  await expect(page.getByAltText('QR code of the pairing link')).toBeVisible();
  await page.getByRole('region', { name: 'Screen access' }).screenshot({ path: 'test-results/e2e/pair-a-screen.png' });
  await page.getByRole('button', { name: 'Close' }).click();
  return digits.replace(/\s/g, '');
}

test('a new browser pairs with a code, gets an HttpOnly SameSite=Strict cookie (never a token in the URL), and works', async ({
  browser,
}) => {
  const host = await startHost({});
  await host.produce([grillAndFryOrder('ord-p1')]);

  const first = await browser.newPage();
  await first.goto(host.url);
  await expect(first.getByRole('form', { name: 'Pair this screen' })).toBeVisible();
  expect((await first.request.get(`${host.url}api/snapshot`)).status(), 'no access before pairing').toBe(401);

  await first.getByLabel('Pairing code').fill('0000 0000');
  await first.getByRole('button', { name: 'Pair' }).click();
  await expect(first.getByRole('alert')).toContainText('wrong or expired pairing code');
  await first.screenshot({ path: 'test-results/e2e/pairing-screen.png' });

  // The first screen's code: what `serve` prints when it starts.
  const opening = await host.terminal.api.pairScreen({});
  if (!opening.ok) throw new Error(opening.error);
  await first.getByLabel('Pairing code').fill(`${opening.value.code.slice(0, 4)} ${opening.value.code.slice(4)}`);
  await first.getByRole('button', { name: 'Pair' }).click();
  const ticket = first.getByRole('article', { name: 'Ticket ORD-P1' });
  await expect(ticket).toBeVisible({ timeout: 20_000 });

  const [cookie, ...others] = await first.context().cookies();
  expect(others).toEqual([]);
  expect(cookie).toMatchObject({ name: 'kds_screen', httpOnly: true, sameSite: 'Strict' });
  expect(await first.evaluate('document.cookie'), 'scripts cannot read it').toBe('');
  expect(first.url()).toBe(host.url);

  // Support's export: the status and the log, not the screen's token.
  await first.getByRole('button', { name: 'Diagnostics' }).click();
  await first.getByRole('button', { name: 'Test connection' }).click();
  await expect(first.getByRole('region', { name: 'Connection test' }).getByRole('status')).toContainText(/Connected in \d+ ms to cluster/);
  await expect(first.getByRole('region', { name: 'Connection test' })).toContainText(`${host.config.topics.orders}: 3 partitions`);
  await first.getByRole('region', { name: 'Connection test' }).screenshot({ path: 'test-results/e2e/connection-test.png' });
  const download = first.waitForEvent('download');
  await first.getByRole('button', { name: 'Export diagnostics' }).click();
  const exported = readFileSync((await (await download).path()) ?? '', 'utf8');
  expect(JSON.parse(exported)).toMatchObject({ status: { connection: { state: 'online' } }, config: { diagnosticsPin: '(not set)' } });
  expect(exported).not.toContain(cookie?.value ?? 'no cookie');
  await first.getByRole('button', { name: 'Close' }).click();

  // A code works once.
  const again = await browser.newPage();
  expect((await again.request.post(`${host.url}session`, { data: { code: opening.value.code } })).status()).toBe(403);

  // The paired screen gives a code to the next one; its link (QR) pairs that browser and leaves the address clean.
  const code = await codeFromDiagnostics(first);
  await again.goto(`${host.url}#pair=${code}`);
  await expect(again.getByRole('article', { name: 'Ticket ORD-P1' })).toBeVisible({ timeout: 20_000 });
  expect(again.url()).toBe(host.url);

  await again.getByRole('article', { name: 'Ticket ORD-P1' }).getByRole('button', { name: 'Bump' }).click();
  await expect(ticket).toHaveCount(0, { timeout: 10_000 });
});

test('rotating access (PIN) unpairs every other screen at once; the screen that rotated pairs itself again', async ({ browser }) => {
  const host = await startHost({
    config: { ...testConfig(process.env.KDS_TEST_BOOTSTRAP ?? ''), diagnosticsPin: PIN },
    createTopics: true,
  });
  await host.produce([grillAndFryOrder('ord-r1')]);
  const expo = await browser.newPage();
  const tablet = await browser.newPage();
  for (const page of [expo, tablet]) {
    await page.goto(await host.pairingUrl());
    await expect(page.getByRole('article', { name: 'Ticket ORD-R1' })).toBeVisible({ timeout: 20_000 });
  }

  await expo.getByRole('button', { name: 'Diagnostics' }).click();
  const rotation = expo.getByRole('form', { name: 'Rotate screen access' });
  await rotation.getByLabel('PIN').fill('1111');
  await rotation.getByRole('button', { name: 'Unpair all screens' }).click();
  await expect(rotation.getByRole('status')).toHaveText('wrong PIN');
  await expect(tablet.getByRole('article', { name: 'Ticket ORD-R1' })).toBeVisible();

  await rotation.getByLabel('PIN').fill(PIN);
  await rotation.getByRole('button', { name: 'Unpair all screens' }).click();
  await expect(tablet.getByRole('form', { name: 'Pair this screen' })).toBeVisible({ timeout: 10_000 });
  await expect(tablet.getByRole('alert')).toHaveText('This screen is no longer paired with the terminal.');
  expect((await tablet.request.get(`${host.url}api/status`)).status()).toBe(401);

  await expect(rotation.getByRole('status')).toHaveText('Access rotated: every other screen must pair again.');
  await expect(expo.getByRole('status').first()).toHaveText('Online', { timeout: 10_000 });
  await expo.getByRole('button', { name: 'Close' }).click();
  await expo.getByRole('article', { name: 'Ticket ORD-R1' }).getByRole('button', { name: 'Bump' }).click();
  await expect(expo.getByRole('article', { name: 'Ticket ORD-R1' })).toHaveCount(0, { timeout: 10_000 });
});

test('one screen unpaired from diagnostics drops to the pairing form, saying why, while the others keep working; wrong PINs lock with a message', async ({
  browser,
}) => {
  const host = await startHost({
    config: { ...testConfig(process.env.KDS_TEST_BOOTSTRAP ?? ''), diagnosticsPin: PIN },
    createTopics: true,
  });
  await host.produce([grillAndFryOrder('ord-u1')]);
  const expo = await browser.newPage({ userAgent: 'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0' });
  const tablet = await browser.newPage({
    userAgent: 'Mozilla/5.0 (Linux; Android 14; SM-X200) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
  });
  for (const page of [expo, tablet]) {
    await page.goto(await host.pairingUrl());
    await expect(page.getByRole('article', { name: 'Ticket ORD-U1' })).toBeVisible({ timeout: 20_000 });
  }

  await expo.getByRole('button', { name: 'Diagnostics' }).click();
  const screens = expo.getByRole('form', { name: 'Paired screens' });
  await screens.getByLabel('PIN').fill(PIN);
  await screens.getByRole('button', { name: 'Show paired screens' }).click();
  const list = screens.getByRole('table', { name: 'Paired screens list' });
  await expect(list.getByRole('row')).toHaveCount(3);
  await expect(list).toContainText('Chrome on Android, 127.0.0.1');
  await expect(list).toContainText('Firefox on Linux, 127.0.0.1');
  await screens.screenshot({ path: 'test-results/e2e/paired-screens.png' });

  await screens.getByRole('button', { name: 'Unpair Chrome on Android, 127.0.0.1' }).click();
  await expect(screens.getByRole('status')).toHaveText('Unpaired: Chrome on Android, 127.0.0.1.');
  await expect(list.getByRole('row')).toHaveCount(2);
  await expect(tablet.getByRole('form', { name: 'Pair this screen' })).toBeVisible({ timeout: 10_000 });
  await expect(tablet.getByRole('alert')).toHaveText('This screen is no longer paired with the terminal.');
  await tablet.reload();
  await expect(tablet.getByRole('alert')).toContainText('no longer paired with the terminal');
  expect((await tablet.request.get(`${host.url}api/status`)).status()).toBe(401);

  // Wrong PINs: three typos, then this screen's PIN is suspended and it says for how long.
  for (let i = 0; i < 4; i += 1) {
    await screens.getByLabel('PIN').fill('111111');
    await screens.getByRole('button', { name: 'Show paired screens' }).click();
    // The screen empties the field when the answer comes: the next PIN is typed after it (a click
    // before it would find the field emptied under it, and the form does not send an empty PIN).
    await expect(screens.getByLabel('PIN')).toHaveValue('');
    await expect(screens.getByRole('status')).toHaveText(
      i < 3 ? 'wrong PIN' : 'wrong PIN; too many wrong PINs from this screen: try again in 60 s',
    );
  }
  await screens.getByLabel('PIN').fill(PIN);
  await screens.getByRole('button', { name: 'Show paired screens' }).click();
  await expect(screens.getByRole('status')).toHaveText(/^too many wrong PINs from this screen: try again in \d+ s$/);

  await expo.getByRole('button', { name: 'Close' }).click();
  await expo.getByRole('article', { name: 'Ticket ORD-U1' }).getByRole('button', { name: 'Bump' }).click();
  await expect(expo.getByRole('article', { name: 'Ticket ORD-U1' })).toHaveCount(0, { timeout: 10_000 });
});
