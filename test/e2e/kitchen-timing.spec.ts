import { expect, test } from '@playwright/test';
import type { OrderEvent, OrderItem } from '../../shared/order-events';
import { testConfig } from '../support/core-harness';
import { orderSnapshot, placedOrder } from '../support/events';
import { orderLine } from '../support/fixtures';
import type { KitchenHost } from './kitchen-host';
import { chimes, countChimes, openScreen, useKitchenHosts } from './screens';

const startHost = useKitchenHosts();

const line = orderLine;

const placed = (orderId: string, items: OrderItem[]): OrderEvent =>
  placedOrder(orderId, { occurredAt: new Date().toISOString(), order: orderSnapshot({ displayNumber: orderId.toUpperCase(), items }) });

/** When the core says a line of an order should start (ms). */
async function startOf(host: KitchenHost, orderId: string, lineId: string): Promise<number> {
  const snapshot = await host.terminal.api.snapshot(undefined);
  if (!snapshot.ok) throw new Error(snapshot.error);
  const startAt = snapshot.value.tickets.find((t) => t.orderId === orderId)?.items.find((i) => i.lineId === lineId)?.startAt;
  if (!startAt) throw new Error(`no start time for ${orderId}/${lineId}`);
  return Date.parse(startAt);
}

test('item timing and course pacing on a fry station, with an injected clock: held lines greyed, brought forward at their second with a chime, recomputed when the order is modified', async ({
  browser,
}) => {
  const bootstrap = process.env.KDS_TEST_BOOTSTRAP ?? '';
  const fry = await startHost({
    config: testConfig(bootstrap, {
      terminalId: 'fry-1',
      stations: ['fry'],
      kitchen: { itemTiming: true, coursePacing: 'after-bump', cookTimes: [{ name: 'Fries', seconds: 180 }] },
    }),
    createTopics: true,
  });
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await countChimes(page);
  await page.clock.install({ time: Date.now() });
  await openScreen(page, fry);

  // Burger 7:00 on the grill (its event's cook time), fries 3:00 (the settings' table): fries start 4:00 later.
  await fry.produce([placed('ord-t1', [line('l1', 'Cheeseburger', 'grill', { prepSeconds: 420 }), line('l2', 'Fries', 'fry')])]);
  const ticket = page.getByRole('article', { name: 'Ticket ORD-T1' });
  await expect(ticket).toBeVisible({ timeout: 20_000 });
  const fries = ticket.locator('li.item', { hasText: 'Fries' });
  await expect(fries).toHaveClass(/item--held/);
  await expect(fries).toContainText(/HELD · start in (4:00|3:5\d)/);
  await page.screenshot({ path: 'test-results/e2e/timing-held-fries.png' });

  const friesStart = await startOf(fry, 'ord-t1', 'l2');
  await page.clock.pauseAt(friesStart - 2_000);
  await expect(fries).toContainText(/HELD · start in 0:0[12]/);
  const chimesBefore = await chimes(page);
  await page.clock.runFor(2_000);
  await expect(fries).not.toHaveClass(/item--held/);
  await expect.poll(() => chimes(page)).toBe(chimesBefore + 1);

  // The guest adds a steak (10:00): the fries, not started yet, now wait for it.
  const steak = line('l3', 'Steak', 'grill', { prepSeconds: 600 });
  const original = placed('ord-t1', [line('l1', 'Cheeseburger', 'grill', { prepSeconds: 420 }), line('l2', 'Fries', 'fry')]);
  if (!original.order) throw new Error('fixture');
  await fry.produce([
    {
      ...original,
      eventId: 'ord-t1-2',
      type: 'ORDER_UPDATED',
      version: 2,
      occurredAt: new Date().toISOString(),
      order: { ...original.order, items: [...original.order.items, steak] },
    },
  ]);
  await expect(fries).toHaveClass(/item--held/, { timeout: 10_000 });
  const recomputed = await startOf(fry, 'ord-t1', 'l2');
  expect(recomputed).toBeGreaterThan(friesStart);
  await page.clock.pauseAt(recomputed - 1_000);
  await expect(fries).toHaveClass(/item--held/);
  const beforeSteak = await chimes(page);
  await page.clock.runFor(1_000);
  await expect(fries).not.toHaveClass(/item--held/);
  await expect.poll(() => chimes(page)).toBe(beforeSteak + 1);

  // Course pacing: dessert waits until the starter's course is bumped; bumping strikes the starter and fires dessert.
  await fry.produce([placed('ord-t2', [line('s1', 'Onion rings', 'fry'), line('d1', 'Churros', 'fry', { course: 2 })])]);
  const paced = page.getByRole('article', { name: 'Ticket ORD-T2' });
  await expect(paced).toBeVisible({ timeout: 10_000 });
  const churros = paced.locator('li.item', { hasText: 'Churros' });
  await expect(churros).toHaveClass(/item--held/);
  await expect(churros).toContainText('HELD · after course 1');
  await expect(paced.getByRole('button', { name: /Fire course 2 now/ })).toBeVisible();
  await page.screenshot({ path: 'test-results/e2e/timing-course-held.png' });
  // One chime per burst: let the new ticket's chime pass (the page's clock is paused).
  await page.clock.runFor(2_000);
  const beforeBump = await chimes(page);
  await paced.getByRole('button', { name: 'Bump' }).click();
  await expect(paced.locator('li.item', { hasText: 'Onion rings' })).toHaveClass(/item--done/);
  await expect(churros).not.toHaveClass(/item--held/);
  await expect(paced.getByRole('button', { name: /Fire course 2 now/ })).toHaveCount(0);
  await expect.poll(() => chimes(page)).toBe(beforeBump + 1);
  await paced.getByRole('button', { name: 'Bump' }).click();
  await expect(paced).toHaveCount(0);

  // A cook fires a held course at once.
  await fry.produce([placed('ord-t3', [line('s2', 'Calamari', 'fry'), line('d2', 'Donuts', 'fry', { course: 2 })])]);
  const early = page.getByRole('article', { name: 'Ticket ORD-T3' });
  await expect(early).toBeVisible({ timeout: 10_000 });
  await early.getByRole('button', { name: /Fire course 2 now/ }).click();
  await expect(early.locator('li.item', { hasText: 'Donuts' })).not.toHaveClass(/item--held/);
  await expect(early.locator('li.item', { hasText: 'Calamari' })).not.toHaveClass(/item--done/);
});
