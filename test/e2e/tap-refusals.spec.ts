import { expect, test, type Locator, type Page } from '@playwright/test';
import type { OrderEvent, OrderItem } from '../../shared/order-events';
import { testConfig } from '../support/core-harness';
import { orderSnapshot, placedOrder } from '../support/events';
import { orderLine } from '../support/fixtures';
import type { KitchenHost } from './kitchen-host';
import { openScreen, useKitchenHosts } from './screens';

const startHost = useKitchenHosts();

const placed = (orderId: string, items: OrderItem[]): OrderEvent =>
  placedOrder(orderId, { occurredAt: new Date().toISOString(), order: orderSnapshot({ displayNumber: orderId.toUpperCase(), items }) });

/**
 * A fry station with course pacing: ORD-R1's only fry line is its dessert, held until the grill
 * bumps the main course, so the core refuses the fry cook's Bump ("the next course … is not
 * fired yet"). Four more tickets fill the board around it.
 */
async function fryStationWithAHeldDessert(): Promise<KitchenHost> {
  const fry = await startHost({
    config: testConfig(process.env.KDS_TEST_BOOTSTRAP ?? '', {
      terminalId: 'fry-1',
      stations: ['fry'],
      kitchen: { coursePacing: 'after-bump' },
    }),
    createTopics: true,
  });
  await fry.produce([
    placed('ord-r1', [orderLine('m1', 'Steak', 'grill'), orderLine('d1', 'Churros', 'fry', { course: 2 })]),
    ...['ord-r2', 'ord-r3', 'ord-r4', 'ord-r5'].map((orderId) => placed(orderId, [orderLine('f1', 'Fries', 'fry')])),
  ]);
  return fry;
}

const boxOf = async (locator: Locator) => {
  const box = await locator.boundingBox();
  if (!box) throw new Error('not on screen');
  return box;
};
type Box = Awaited<ReturnType<typeof boxOf>>;
const overlaps = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/**
 * The toast stays inside its own ticket, covers no other ticket's Bump button, and leaves its own
 * ticket's buttons tappable (Fire course is the remedy it names). A trial click fails when
 * something else would receive the tap.
 */
async function expectOnItsTicketOnly(page: Page, toast: Locator, ticket: Locator, size: string): Promise<void> {
  const toastBox = await boxOf(toast);
  const ticketBox = await boxOf(ticket);
  expect(toastBox.y, `${size}: toast within its ticket`).toBeGreaterThanOrEqual(ticketBox.y);
  expect(toastBox.x + toastBox.width, `${size}: toast within its ticket`).toBeLessThanOrEqual(ticketBox.x + ticketBox.width + 0.5);
  expect(toastBox.y + toastBox.height, `${size}: toast within its ticket`).toBeLessThanOrEqual(ticketBox.y + ticketBox.height + 0.5);
  const otherBumps = page.locator('article.ticket:not([data-order-id="ord-r1"])').getByRole('button', { name: 'Bump' });
  expect(await otherBumps.count()).toBe(4);
  for (const bump of await otherBumps.all()) {
    const box = await bump.boundingBox();
    if (box) expect(overlaps(toastBox, box), `${size}: toast over another ticket's Bump`).toBe(false);
  }
  const fire = ticket.getByRole('button', { name: 'Fire course 2 now' });
  for (const own of [fire, ticket.getByRole('button', { name: 'Bump' })]) await own.click({ trial: true, timeout: 2_000 });
  // …and its reason ends above them, all of it readable.
  const reason = await boxOf(toast.locator('.refusal-toast__why'));
  expect(reason.y + reason.height, `${size}: reason above Fire course`).toBeLessThanOrEqual((await boxOf(fire)).y);
}

for (const size of [
  { width: 1280, height: 800 },
  { width: 800, height: 480 },
]) {
  const name = `${size.width}x${size.height}`;
  test(`a tap the core refuses is said on its ticket, readable, over no other ticket's button, and goes (${name})`, async ({ page }) => {
    const fry = await fryStationWithAHeldDessert();
    await page.setViewportSize(size);
    await page.clock.install({ time: Date.now() });
    await openScreen(page, fry);
    const ticket = page.getByRole('article', { name: 'Ticket ORD-R1' });
    await expect(page.getByRole('article', { name: 'Ticket ORD-R5' })).toBeVisible({ timeout: 20_000 });

    await ticket.getByRole('button', { name: 'Bump' }).click();
    const toast = ticket.getByRole('alert');
    await expect(toast).toContainText('Bump — not done');
    await expect(toast).toContainText('the next course of ORD-R1 is not fired yet: fire it, or wait');
    await expect(ticket).toBeVisible();
    // Large type: the reason is at least 19 px on the smallest panel (the ticket's items are 22).
    await expect(toast.locator('.refusal-toast__why')).toHaveCSS('font-size', /^(19|2\d)px$/);
    await expectOnItsTicketOnly(page, toast, ticket, name);
    await page.screenshot({ path: `test-results/e2e/refusal-toast-${name}.png`, animations: 'disabled' });
    if (size.width === 1280) await page.screenshot({ path: 'test-results/e2e/refusal-toast.png', animations: 'disabled' });

    // Gone by itself after a few seconds (the page's clock moves on; nothing sleeps).
    await page.clock.runFor(4_000);
    await expect(toast).toBeVisible();
    await page.clock.runFor(2_500);
    await expect(toast).toHaveCount(0);

    // Tapped again twice: the same answer counts up; a tap on the toast takes it away at once.
    await ticket.getByRole('button', { name: 'Bump' }).click();
    await expect(toast).toContainText('not done');
    await ticket.getByRole('button', { name: 'Bump' }).click();
    await expect(toast).toContainText('×2');
    await toast.click();
    await expect(toast).toHaveCount(0);
    await expect(ticket).toBeVisible();

    // A tap on no ticket (nothing bumped yet to recall) is said at the top, over the status bar.
    await page.getByRole('button', { name: 'Recall last' }).click();
    const top = page.locator('.screen-top').getByRole('alert').filter({ hasText: 'Recall last — not done' });
    await expect(top).toContainText('no bumped ticket to recall');
    const topBox = await boxOf(top);
    for (const bump of await page.getByRole('article').getByRole('button', { name: 'Bump' }).all()) {
      const box = await bump.boundingBox();
      if (box) expect(overlaps(topBox, box), `${name}: top toast over a Bump`).toBe(false);
    }
    await page.screenshot({ path: `test-results/e2e/refusal-toast-top-${name}.png`, animations: 'disabled' });
    await page.clock.runFor(6_500);
    await expect(top).toHaveCount(0);
  });
}

test('a tap the core never answers is said after ten seconds ("no answer"), and a tap with no connection is "not sent"', async ({
  page,
}) => {
  const fry = await fryStationWithAHeldDessert();
  await page.setViewportSize({ width: 1280, height: 800 });
  // The screen's socket, with its cook commands swallowed on the way to the core while `swallow`
  // is set, and no connection at all once `cut` is.
  let swallow = false;
  let cut = false;
  const sockets: { close: () => Promise<void> }[] = [];
  await page.routeWebSocket(/\/ws$/, (socket) => {
    if (cut) return void socket.close();
    sockets.push(socket);
    const server = socket.connectToServer();
    socket.onMessage((message) => {
      if (swallow && String(message).includes('"name":"execute"')) return;
      server.send(message);
    });
  });
  await page.clock.install({ time: Date.now() });
  await openScreen(page, fry);
  const ticket = page.getByRole('article', { name: 'Ticket ORD-R2' });
  await expect(ticket).toBeVisible({ timeout: 20_000 });

  swallow = true;
  await ticket.getByRole('button', { name: 'Bump' }).click();
  const toast = ticket.getByRole('alert');
  await page.clock.runFor(9_000);
  await expect(toast).toHaveCount(0);
  await page.clock.runFor(1_500);
  await expect(toast).toContainText('Bump — no answer');
  await expect(toast).toContainText('the core did not answer within 10 s');
  await page.screenshot({ path: 'test-results/e2e/refusal-toast-no-answer.png', animations: 'disabled' });
  await page.clock.runFor(6_500);
  await expect(toast).toHaveCount(0);
  // The core never saw the bump: the ticket is still there.
  await expect(ticket).toBeVisible();

  // The link is down: the tap never leaves the screen, and the screen says so.
  cut = true;
  await Promise.all(sockets.map((socket) => socket.close()));
  await expect(page.getByRole('status')).toHaveText('No connection to the kitchen core');
  await ticket.getByRole('button', { name: 'Bump' }).click();
  await expect(toast).toContainText('Bump — not sent');
  await expect(toast).toContainText('not connected to the terminal');
});
