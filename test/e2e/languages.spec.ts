import { expect, test, type Page } from '@playwright/test';
import { grillAndFryOrder } from '../support/kitchen-fixtures';
import { grillAndExpoHosts, openScreen, useKitchenHosts } from './screens';

const startHost = useKitchenHosts();

/** Chooses the screen's language in Diagnostics, as a cook does (the button names each language in itself). */
async function chooseLanguage(page: Page, diagnostics: string, language: string, close: string): Promise<void> {
  await page.getByRole('button', { name: diagnostics }).click();
  await page.getByRole('group', { name: 'Language on this screen' }).getByRole('button', { name: language }).click();
  await page.getByRole('dialog', { name: 'Diagnostics' }).getByRole('button', { name: close }).click();
}

test('one order, a grill screen in Spanish beside expo in English; each screen keeps its own language; Arabic lays the screen out right to left', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const { grill, expo } = await grillAndExpoHosts(startHost);
  const grillPage = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const expoPage = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await openScreen(grillPage, grill);
  await openScreen(expoPage, expo);
  await chooseLanguage(grillPage, 'Diagnostics', 'Español', 'Close');
  await expect(grillPage.locator('html')).toHaveAttribute('lang', 'es');

  const placed = grillAndFryOrder('lang-1');
  if (!placed.order) throw new Error('the fixture has a snapshot');
  await grill.produce([{ ...placed, order: { ...placed.order, table: '7' } }]);
  const onGrill = grillPage.getByRole('article', { name: 'Ticket LANG-1' });
  const onExpo = expoPage.getByRole('article', { name: 'Ticket LANG-1' });
  await expect(onGrill).toBeVisible({ timeout: 20_000 });
  await expect(onExpo).toBeVisible({ timeout: 20_000 });
  await expect(grillPage.getByRole('status')).toHaveText('En línea');
  await expect(grillPage.locator('.status-bar__count')).toHaveText('1 abierta');
  await expect(onGrill).toContainText('Mesa 7');
  await expect(onGrill.getByRole('button', { name: 'Empezar' })).toBeVisible();
  // Item names, modifiers and notes are the platform's data: never translated.
  await expect(onGrill).toContainText('Cheeseburger');
  await expect(onGrill).toContainText('no onions');
  await expect(expoPage.getByRole('status')).toHaveText('Online');
  await expect(onExpo).toContainText('Table 7');
  await expect(onExpo.getByRole('button', { name: 'Start' })).toBeVisible();
  await grillPage.screenshot({ path: 'test-results/e2e/language-grill-es-1280x800.png' });
  // Its panels too: pausing the kitchen asks in Spanish.
  await grillPage.getByRole('button', { name: 'Pausar' }).click();
  const pause = grillPage.getByRole('dialog', { name: 'Pausar la cocina' });
  await expect(pause).toContainText('¿Cuánto tiempo?');
  await expect(pause.getByRole('button', { name: '15 min' })).toBeVisible();
  await pause.getByRole('button', { name: 'Cancelar' }).click();
  await expect(pause).toHaveCount(0);

  await onGrill.getByRole('button', { name: 'Listo' }).click();
  await expect(onExpo.getByRole('list', { name: 'Stations' }).getByText('grill')).toHaveText('✓ grill', { timeout: 5_000 });

  // Each screen its own language, kept by its browser across a reload.
  await grillPage.reload();
  await expect(grillPage.getByRole('status')).toHaveText('En línea', { timeout: 20_000 });
  await chooseLanguage(expoPage, 'Diagnostics', 'العربية', 'Close');
  await expect(expoPage.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(expoPage.getByRole('status')).toHaveText('متصل');
  await expect(onExpo.getByRole('button', { name: 'تم' })).toBeVisible();
  // Right to left: the ticket number on the right of its head, the timer on the left.
  const number = await onExpo.locator('.ticket__number').boundingBox();
  const timer = await onExpo.locator('.ticket__timer').boundingBox();
  expect(number && timer ? number.x - timer.x : 0).toBeGreaterThan(0);
  await expoPage.screenshot({ path: 'test-results/e2e/language-expo-ar-rtl-1280x800.png' });
  await Promise.all([grillPage.close(), expoPage.close()]);
});
