import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import type { OrderEvent } from '../../shared/order-events';
import { orderEvent } from '../support/events';
import { testConfig } from '../support/core-harness';
import { grillAndFryOrder } from '../support/kitchen-fixtures';
import { TerminalRunner } from '../../electron/core/app/terminal-runner';
import { terminalFolder } from '../support/terminal-folder';
import { emulateElectronIpc } from './electron-emulation';
import { openScreen, useKitchenHosts } from './screens';

const startHost = useKitchenHosts();
let stops: (() => Promise<void> | void)[] = [];
test.afterEach(async () => {
  for (const stop of stops.reverse()) await stop();
  stops = [];
});

/** An order placed `minutesAgo`: fresh, warn (5) and late (8) by the screen's default thresholds. */
function placedAgo(orderId: string, minutesAgo: number, extra: Partial<NonNullable<OrderEvent['order']>> = {}): OrderEvent {
  const placed = grillAndFryOrder(orderId);
  if (!placed.order) throw new Error('the fixture has a snapshot');
  const at = new Date(Date.now() - minutesAgo * 60_000).toISOString();
  return { ...placed, occurredAt: at, order: { ...placed.order, ...extra } };
}

/** Serious and critical WCAG 2.x A/AA violations on the page as it is now, each with where it is. */
async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .flatMap((violation) =>
      violation.nodes.map(
        (node) => `${violation.id} (${violation.impact}): ${node.target.join(' ')} — ${node.failureSummary?.split('\n')[1] ?? ''}`,
      ),
    );
}

test('axe-core finds no serious or critical WCAG A/AA violation on any screen: tickets (fresh, warn, late, VOID, MODIFIED, held), diagnostics, settings, reports, pairing, the guest board', async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const bootstrap = process.env.KDS_TEST_BOOTSTRAP ?? '';
  const host = await startHost({
    config: testConfig(bootstrap, {
      terminalId: 'expo-1',
      diagnosticsPin: '4711',
      kitchen: { itemTiming: true, coursePacing: 'off', cookTimes: [{ name: 'Fries', seconds: 60 }] },
    }),
    createTopics: true,
  });
  // axe-core finishes its run in a page of its own, which it opens in the page's context.
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
  const found: Record<string, string[]> = {};
  const check = async (screen: string): Promise<void> => {
    found[screen] = await seriousViolations(page);
  };

  await page.goto(`${new URL(await host.pairingUrl()).origin}/`);
  await expect(page.getByRole('button', { name: /Pair/ })).toBeVisible({ timeout: 20_000 });
  await check('pairing');

  // A pairing link differs from the page only by its fragment: load it afresh.
  await page.goto('about:blank');
  await openScreen(page, host);
  await host.produce([
    placedAgo('a11y-1', 0, {
      displayNumber: 'FRESH',
      items: [
        {
          lineId: 'l1',
          name: 'Cheeseburger',
          quantity: 1,
          station: 'grill',
          course: 1,
          modifiers: ['no onion'],
          notes: 'well done',
          allergens: ['gluten'],
          prepSeconds: 420,
        },
        { lineId: 'l2', name: 'Fries', quantity: 1, station: 'fry', course: 1, modifiers: [], notes: '', allergens: [] },
      ],
    }),
    placedAgo('a11y-2', 6, { displayNumber: 'WARN' }),
    placedAgo('a11y-3', 10, { displayNumber: 'LATE' }),
    placedAgo('a11y-4', 1, { displayNumber: 'VOID' }),
    orderEvent('a11y-4', 2, 'ORDER_CANCELLED', { reason: 'customer left', occurredAt: new Date().toISOString() }),
    placedAgo('a11y-5', 2, { displayNumber: 'MODIFIED' }),
    {
      ...orderEvent('a11y-5', 2, 'ORDER_UPDATED', { occurredAt: new Date().toISOString() }),
      order: {
        displayNumber: 'MODIFIED',
        channel: 'DINE_IN',
        priority: 'NORMAL',
        items: [
          { lineId: 'l9', name: 'Milkshake', quantity: 2, station: 'grill', course: 1, modifiers: [], notes: '', allergens: ['milk'] },
        ],
      },
    },
  ]);
  for (const number of ['FRESH', 'WARN', 'LATE', 'VOID', 'MODIFIED'])
    await expect(page.getByRole('article', { name: `Ticket ${number}` })).toBeVisible({ timeout: 20_000 });
  await expect(page.getByRole('article', { name: 'Ticket WARN' })).toHaveClass(/ticket--warn/);
  await expect(page.getByRole('article', { name: 'Ticket LATE' })).toHaveClass(/ticket--late/);
  // Late and warn are told apart without colour: in words or an icon, and by the border's pattern.
  await expect(page.getByRole('article', { name: 'Ticket LATE' }).locator('.ticket__timer')).toHaveText(/^LATE 10:\d\d$/);
  await expect(page.getByRole('article', { name: 'Ticket WARN' }).locator('.ticket__timer')).toHaveText(/^⚠ 6:\d\d$/);
  await expect(page.getByRole('article', { name: 'Ticket LATE' })).toHaveCSS('border-top-style', 'double');
  await expect(page.getByRole('article', { name: 'Ticket WARN' })).toHaveCSS('border-top-style', 'dashed');
  await expect(page.getByRole('article', { name: 'Ticket MODIFIED' }).locator('.ticket__timer')).toHaveText(/^2:\d\d$/);
  await expect(page.getByRole('article', { name: 'Ticket VOID' })).toContainText('VOID');
  await expect(page.getByRole('article', { name: 'Ticket MODIFIED' })).toContainText('MODIFIED');
  await expect(page.getByRole('article', { name: 'Ticket FRESH' })).toContainText(/HELD · start in/);
  await check('tickets');
  // Touch targets: every control on the ticket screen at least 48 × 48 px (gloved fingers).
  const small = await page.locator('button, [role="button"], input, select').evaluateAll((elements) =>
    elements.flatMap((element) => {
      const box = element.getBoundingClientRect();
      return box.width > 0 && (box.width < 48 || box.height < 48)
        ? [`${String(element.className) || element.tagName}: ${Math.round(box.width)}×${Math.round(box.height)}`]
        : [];
    }),
  );
  expect(small, 'controls smaller than 48 × 48 px').toEqual([]);
  // What a cook with deuteranopia (red-green) sees: looked at, with the states told apart by text and shape.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setEmulatedVisionDeficiency', { type: 'deuteranopia' });
  await page.screenshot({ path: 'test-results/e2e/a11y-tickets-deuteranopia-1280x800.png' });
  await cdp.send('Emulation.setEmulatedVisionDeficiency', { type: 'none' });

  await page.getByRole('button', { name: 'Diagnostics' }).click();
  await expect(page.getByRole('dialog', { name: 'Diagnostics' })).toBeVisible();
  await check('diagnostics');
  await page.getByRole('button', { name: 'Settings…' }).click();
  const settings = page.getByRole('dialog', { name: 'Settings' });
  await settings.getByLabel('PIN').fill('4711');
  await settings.getByRole('button', { name: 'Unlock' }).click();
  // A `serve`d terminal's settings are kept by its configuration: the panel says so (the form itself: the setup test below).
  await expect(settings.getByRole('alert')).toBeVisible();
  await check('settings');
  await page.keyboard.press('Escape');
  await page.reload();
  await expect(page.getByRole('status')).toHaveText('Online', { timeout: 20_000 });
  await page.getByRole('button', { name: 'Reports' }).click();
  await expect(page.getByRole('dialog', { name: 'Reports' })).toBeVisible();
  await check('reports');

  const pairing = await host.terminal.api.pairScreen({ scope: 'board' });
  if (!pairing.ok || !pairing.value.url) throw new Error('no board link');
  const board = await (await browser.newContext({ viewport: { width: 1920, height: 1080 } })).newPage();
  await board.goto(pairing.value.url);
  await expect(board.getByRole('list', { name: 'Preparing numbers' }).getByRole('listitem').first()).toBeVisible({ timeout: 20_000 });
  found['guest board'] = await seriousViolations(board);

  console.log(
    `axe-core serious/critical violations per screen: ${Object.entries(found)
      .map(([screen, list]) => `${screen} ${list.length}`)
      .join(', ')}`,
  );
  expect(found).toEqual({ pairing: [], tickets: [], diagnostics: [], settings: [], reports: [], 'guest board': [] });
  await Promise.all([page.context().close(), board.context().close()]);
});

test('axe-core finds no serious or critical violation on the setup screen of a new terminal (the settings form), a field error shown', async ({
  browser,
}) => {
  const { configFile, newConfigDefaults } = terminalFolder('kds-a11y-setup');
  const runner = await TerminalRunner.start({ configFile, newConfigDefaults, log: () => undefined, coalesceMs: 50 });
  stops.push(() => runner.stop());
  const files = await startHost({});
  const page = await (await browser.newContext({ viewport: { width: 1024, height: 768 } })).newPage();
  stops.push(await emulateElectronIpc(page, runner.api, files.url));
  stops.push(() => page.context().close());
  await page.goto(files.url);
  await expect(page.getByRole('heading', { name: 'Set up this kitchen screen' })).toBeVisible({ timeout: 20_000 });
  await page.getByLabel('Terminal ID', { exact: true }).fill('grill 1');
  await expect(page.getByText('letters, digits, dot, underscore or dash only')).toBeVisible();
  const violations = await seriousViolations(page);
  console.log(`axe-core serious/critical violations on the setup screen: ${violations.length}`);
  expect(violations).toEqual([]);
});
