import { expect, test } from '@playwright/test';
import { grillAndFryOrder } from '../support/kitchen-fixtures';
import { openScreen, useKitchenHosts } from './screens';

const startHost = useKitchenHosts();

/** Kitchen displays from a 7" panel to a 22" screen, one mounted in portrait. */
const SIZES = [
  { width: 800, height: 480 },
  { width: 1024, height: 768 },
  { width: 1280, height: 800 },
  { width: 1920, height: 1080 },
  { width: 1080, height: 1920 },
];

test('every control of the header is on screen and a ticket can be bumped, from 800×480 to 1080p and portrait', async ({ page }) => {
  const host = await startHost({});
  // A platform's long reference as the display number (or an order known only by its id): it wraps, and never runs into the timer.
  const long = 'ord-z3-platform-reference-2026-11-23-000123';
  await host.produce([grillAndFryOrder('ord-z1'), grillAndFryOrder('ord-z2'), grillAndFryOrder(long)]);
  for (const size of SIZES) {
    await page.setViewportSize(size);
    await openScreen(page, host);
    await expect(page.getByRole('article', { name: 'Ticket ORD-Z1' })).toBeVisible({ timeout: 20_000 });
    for (const control of [
      page.getByRole('button', { name: 'Diagnostics' }),
      page.getByRole('button', { name: 'Recall last' }),
      page.getByRole('status'),
    ]) {
      const box = await control.boundingBox();
      expect(box, `${size.width}×${size.height}`).not.toBeNull();
      if (!box) continue;
      expect(box.x, `${size.width}×${size.height} left edge`).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width, `${size.width}×${size.height} right edge`).toBeLessThanOrEqual(size.width);
      expect(box.y + box.height, `${size.width}×${size.height} bottom edge`).toBeLessThanOrEqual(size.height);
    }
    await expect(page.getByRole('article', { name: 'Ticket ORD-Z1' }).getByRole('button', { name: 'Bump' })).toBeInViewport();
    const longTicket = page.locator(`[data-order-id="${long}"]`);
    const number = await longTicket.locator('.ticket__number').boundingBox();
    const timer = await longTicket.locator('.ticket__timer').boundingBox();
    // Read from two metres: the number and the timer never touch.
    expect(
      number && timer ? timer.x - (number.x + number.width) : -1,
      `${size.width}×${size.height}: space between number and timer`,
    ).toBeGreaterThanOrEqual(8);
    await page.screenshot({ path: `test-results/e2e/screen-${size.width}x${size.height}.png` });
  }
});

test('text size Extra large on an 800×480 panel: chosen on this screen, kept across a reload, every header control on screen, a ticket bumped', async ({
  page,
}) => {
  const host = await startHost({});
  await host.produce([grillAndFryOrder('ord-x1'), grillAndFryOrder('ord-x2'), grillAndFryOrder('ord-x3')]);
  await page.setViewportSize({ width: 800, height: 480 });
  await openScreen(page, host);
  const ticket = page.getByRole('article', { name: 'Ticket ORD-X1' });
  await expect(ticket).toBeVisible({ timeout: 20_000 });
  const normalHeight = (await page.getByRole('article', { name: 'Ticket ORD-X2' }).boundingBox())?.height ?? 0;
  test.setTimeout(90_000);
  await page.getByRole('button', { name: 'Diagnostics' }).click();
  const sizes = page.getByRole('group', { name: 'Text size on this screen' });
  await sizes.getByRole('button', { name: 'Extra large' }).click();
  await expect(sizes.getByRole('button', { name: 'Extra large' })).toHaveAttribute('aria-pressed', 'true');
  // Zoomed, the panel still fits the screen: its last control (Close) can be reached.
  await page.getByRole('dialog', { name: 'Diagnostics' }).getByRole('button', { name: 'Close' }).click();
  await page.reload();
  await expect(page.getByRole('status')).toHaveText('Online', { timeout: 20_000 });
  await expect(page.locator('html')).toHaveClass(/text-size--xl/);
  const bigHeight = (await page.getByRole('article', { name: 'Ticket ORD-X2' }).boundingBox())?.height ?? 0;
  expect(bigHeight, 'the ticket is drawn larger').toBeGreaterThan(normalHeight * 1.3);
  for (const control of [
    page.getByRole('button', { name: 'Diagnostics' }),
    page.getByRole('button', { name: 'Reports' }),
    page.getByRole('button', { name: 'Recall last' }),
    page.getByRole('button', { name: 'Pause' }),
    page.getByRole('status'),
  ]) {
    await control.scrollIntoViewIfNeeded();
    const box = await control.boundingBox();
    expect(box).not.toBeNull();
    if (!box) continue;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width, 'right edge').toBeLessThanOrEqual(800);
  }
  await page.screenshot({ path: 'test-results/e2e/text-size-xl-800x480.png' });
  await ticket.getByRole('button', { name: 'Bump' }).click();
  await expect(ticket).toHaveCount(0);
});
