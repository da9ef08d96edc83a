import { expect, test } from '@playwright/test';
import { LocalBroker } from '../../scripts/kafka/local-broker';
import { simulateStream } from '../../scripts/simulator/order-simulator';
import type { OrderEvent, OrderSnapshot } from '../../shared/order-events';
import { testConfig } from '../support/core-harness';
import { KitchenHost } from './kitchen-host';

const order = (displayNumber: string, name = 'Cheeseburger'): OrderSnapshot => ({
  displayNumber,
  channel: 'DELIVERY',
  customerName: 'Farid',
  priority: 'NORMAL',
  items: [{ lineId: 'l1', name, quantity: 1, station: 'grill', course: 1, modifiers: [], notes: '', allergens: [] }],
});
const placed = (orderId: string, displayNumber: string): OrderEvent => ({
  eventId: `${orderId}-1`,
  type: 'ORDER_PLACED',
  orderId,
  merchantId: 'm-1',
  version: 1,
  occurredAt: new Date().toISOString(),
  order: order(displayNumber),
});

test('restarting the host keeps the screen: tickets and bumps survive, and the open page reconnects by itself', async ({ page }) => {
  let host = await KitchenHost.start();
  const { config, port } = host;
  try {
    await host.produce([placed('o1', 'R1'), placed('o2', 'R2')]);
    await page.goto(await host.pairingUrl());
    await expect(page.getByRole('article')).toHaveCount(2, { timeout: 20_000 });
    await page.getByRole('article', { name: 'Ticket R1' }).getByRole('button', { name: 'Bump' }).click();
    await expect(page.getByRole('article')).toHaveCount(1);

    await host.stop();
    await expect(page.getByRole('status')).toHaveText('No connection to the kitchen core', { timeout: 10_000 });
    host = await KitchenHost.start({ config, port });
    await expect(page.getByRole('status')).toHaveText('Online', { timeout: 20_000 });
    await expect(page.getByRole('article', { name: 'Ticket R2' })).toBeVisible();
    await expect(page.getByRole('article', { name: 'Ticket R1' })).toHaveCount(0);
  } finally {
    await host.stop();
  }
});

test('with the broker stopped the offline badge appears within 10 s and a bump waits to be sent; after it returns the screen catches up', async ({
  page,
}) => {
  test.setTimeout(120_000);
  // Stops a broker, so it uses its own.
  const broker = await LocalBroker.create();
  await broker.start();
  const host = await KitchenHost.start({ bootstrap: broker.bootstrap, config: undefined });
  try {
    await host.produce([placed('o1', 'K1'), placed('o0', 'K0')]);
    await page.goto(await host.pairingUrl());
    await expect(page.getByRole('article', { name: 'Ticket K1' })).toBeVisible({ timeout: 20_000 });
    await expect(page.getByRole('article', { name: 'Ticket K0' })).toBeVisible({ timeout: 20_000 });

    const stopped = Date.now();
    await broker.stop();
    await expect(page.getByRole('status')).toContainText('OFFLINE for', { timeout: 10_000 });
    console.log(`offline badge ${Date.now() - stopped} ms after the broker was told to stop`);
    await expect(page.getByRole('article', { name: 'Ticket K1' })).toBeVisible();
    // Cooks keep working offline: the bump shows at once and waits in the outbox.
    await page.getByRole('article', { name: 'Ticket K0' }).getByRole('button', { name: 'Bump' }).click();
    await expect(page.getByRole('article', { name: 'Ticket K0' })).toHaveCount(0);
    await expect(page.getByText('1 action waiting to send')).toBeVisible({ timeout: 5_000 });

    await broker.start();
    await host.produce([placed('o2', 'K2')]);
    await expect(page.getByRole('article', { name: 'Ticket K2' })).toBeVisible({ timeout: 30_000 });
    await expect(page.getByRole('status')).toHaveText('Online', { timeout: 10_000 });
    await expect(page.getByText('waiting to send')).toHaveCount(0, { timeout: 30_000 });
  } finally {
    await host.stop();
    await broker.destroy();
  }
});

test('200 open tickets render and stay responsive to taps (lunch-rush screenshot)', async ({ page }) => {
  test.setTimeout(120_000);
  const host = await KitchenHost.start({ config: testConfig(process.env.KDS_TEST_BOOTSTRAP ?? '') });
  try {
    // Only the PLACED (and some UPDATED) events of 200 lunch orders: all still open.
    const events = simulateStream({ merchants: ['m-1'], ordersPerMerchant: 200, seed: 8, start: new Date(Date.now() - 15 * 60_000) })
      .flatMap((r) => (r.event && (r.event.type === 'ORDER_PLACED' || r.event.type === 'ORDER_UPDATED') ? [r.event] : []))
      .map((e) => ({ ...e, occurredAt: new Date(Date.now() - Math.floor(Math.random() * 11 * 60_000)).toISOString() }));
    await host.produce(events);
    await page.goto(await host.pairingUrl());
    await expect(page.getByRole('article')).toHaveCount(200, { timeout: 30_000 });
    await page.screenshot({ path: 'test-results/e2e/lunch-rush.png' });

    const first = page.getByRole('article').first();
    const name = await first.getAttribute('aria-label');
    const started = Date.now();
    await first.getByRole('button', { name: 'Bump' }).click();
    await expect(page.getByRole('article', { name: name ?? '' })).toHaveCount(0);
    const tapMs = Date.now() - started;
    console.log(`bump with 200 tickets on screen: ${tapMs} ms from tap to card gone`);
    expect(tapMs).toBeLessThan(2_000);
    await expect(page.getByRole('article')).toHaveCount(199);
  } finally {
    await host.stop();
  }
});
