import { expect, test, type Page } from '@playwright/test';
import { grillAndFryOrder } from '../support/kitchen-fixtures';
import { testConfig } from '../support/core-harness';
import { grillAndExpoHosts, openScreen, useKitchenHosts } from './screens';

const startHost = useKitchenHosts();

/**
 * Chooses the screen's language in Diagnostics, as a cook does (the button names each language in
 * itself); the panel itself turns to the new language at once, so it is closed by its new words.
 */
async function chooseLanguage(page: Page, language: string, after: { diagnostics: string; close: string }): Promise<void> {
  await page.getByRole('button', { name: 'Diagnostics' }).click();
  await page.getByRole('group', { name: 'Language on this screen' }).getByRole('button', { name: language }).click();
  await page.getByRole('dialog', { name: after.diagnostics }).getByRole('button', { name: after.close }).click();
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
  await chooseLanguage(grillPage, 'Español', { diagnostics: 'Diagnóstico', close: 'Cerrar' });
  await expect(grillPage.locator('html')).toHaveAttribute('lang', 'es');

  const placed = grillAndFryOrder('lang-1');
  if (!placed.order) throw new Error('the fixture has a snapshot');
  await grill.produce([{ ...placed, order: { ...placed.order, table: '7' } }]);
  // A screen reader hears the ticket in the screen's language too.
  const onGrill = grillPage.getByRole('article', { name: 'Comanda LANG-1' });
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
  await chooseLanguage(expoPage, 'العربية', { diagnostics: 'التشخيص', close: 'إغلاق' });
  await expect(expoPage.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(expoPage.getByRole('status')).toHaveText('متصل');
  const onExpoArabic = expoPage.getByRole('article', { name: 'الطلب LANG-1' });
  await expect(onExpoArabic.getByRole('button', { name: 'تم' })).toBeVisible();
  // Right to left: the ticket number on the right of its head, the timer on the left.
  const number = await onExpoArabic.locator('.ticket__number').boundingBox();
  const timer = await onExpoArabic.locator('.ticket__timer').boundingBox();
  expect(number && timer ? number.x - timer.x : 0).toBeGreaterThan(0);
  await expoPage.screenshot({ path: 'test-results/e2e/language-expo-ar-rtl-1280x800.png' });
  await Promise.all([grillPage.close(), expoPage.close()]);
});

test("diagnostics, settings, reports and a refused tap in Chinese: the catalog's words, times through Intl on a 24-hour clock", async ({
  browser,
}) => {
  test.setTimeout(90_000);
  const host = await startHost({ config: testConfig(process.env.KDS_TEST_BOOTSTRAP ?? '', { stations: ['grill'] }), createTopics: true });
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await openScreen(page, host);
  await chooseLanguage(page, '简体中文', { diagnostics: '诊断', close: '关闭' });
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh');

  // A tap the core refuses, said in the screen's language (the core's reason stays its own).
  await page.getByRole('button', { name: '召回上一单' }).click();
  await expect(page.getByRole('alert').filter({ hasText: '召回上一单 — 未执行' })).toBeVisible();

  await page.getByRole('button', { name: '诊断' }).click();
  const diagnostics = page.getByRole('dialog', { name: '诊断' });
  await expect(diagnostics.getByRole('columnheader', { name: '分区' })).toBeVisible();
  await expect(diagnostics).toContainText('Broker：在线');
  await diagnostics.getByRole('button', { name: '测试连接' }).click();
  await expect(diagnostics.getByRole('status').filter({ hasText: '毫秒内连接到集群' })).toBeVisible({ timeout: 15_000 });
  await diagnostics.getByRole('button', { name: '配对一块屏幕' }).click();
  // Until when the code lasts: a 24-hour time, as Intl writes it for Chinese.
  await expect(diagnostics).toContainText(/配对码（仅限一次，有效至 \d\d:\d\d）/);
  await page.screenshot({ path: 'test-results/e2e/language-diagnostics-zh-1280x800.png' });
  await diagnostics.getByRole('button', { name: '设置…' }).click();
  const settings = page.getByRole('dialog', { name: '设置' });
  await expect(settings.getByRole('button', { name: '解锁' })).toBeVisible();
  await settings.getByRole('button', { name: '关闭' }).click();
  await expect(settings).toHaveCount(0);

  await page.getByRole('button', { name: '报表' }).click();
  const reports = page.getByRole('dialog', { name: '报表' });
  await expect(reports.getByRole('button', { name: '出餐速度' })).toBeVisible();
  await expect(reports.getByText('p50 出单时间')).toBeVisible({ timeout: 15_000 });
  await reports.getByRole('button', { name: '审计记录' }).click();
  await expect(reports.getByLabel('单号')).toBeVisible();
  await page.screenshot({ path: 'test-results/e2e/language-reports-zh-1280x800.png' });
  await page.close();
});
