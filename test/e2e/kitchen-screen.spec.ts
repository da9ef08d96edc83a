import { expect, test } from '@playwright/test';
import type { OrderEvent, OrderSnapshot } from '../../shared/order-events';
import { cheeseburgerLine } from '../support/fixtures';
import { KitchenHost } from './kitchen-host';

const burgerOrder: OrderSnapshot = {
  displayNumber: 'A17',
  channel: 'DINE_IN',
  table: '12',
  priority: 'NORMAL',
  items: [
    cheeseburgerLine({ allergens: ['gluten', 'dairy'] }),
    { lineId: 'l2', name: 'Fries', quantity: 1, station: 'fry', course: 1, modifiers: [], notes: '', allergens: [] },
  ],
};

function event(orderId: string, version: number, type: OrderEvent['type'], extra: Partial<OrderEvent> = {}): OrderEvent {
  return { eventId: `${orderId}-${version}`, type, orderId, merchantId: 'm-1', version, occurredAt: new Date().toISOString(), ...extra };
}

let host: KitchenHost;
test.beforeEach(async () => {
  host = await KitchenHost.start();
});
test.afterEach(async () => {
  await host.stop();
});

test('an order from Kafka appears as a card; an update shows MODIFIED; a cancel shows VOID; bump and recall', async ({ page }) => {
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  await page.goto(await host.pairingUrl());
  await expect(page.getByRole('status')).toHaveText('Online', { timeout: 20_000 });

  await host.produce([event('ord-1', 1, 'ORDER_PLACED', { order: burgerOrder })]);
  const card = page.getByRole('article', { name: 'Ticket A17' });
  await expect(card).toBeVisible({ timeout: 20_000 });
  await expect(card).toContainText('2× Cheeseburger');
  await expect(card).toContainText('no onions');
  await expect(card).toContainText('gluten, dairy');
  await expect(card).toContainText('Table 12');

  const [burger] = burgerOrder.items;
  if (!burger) throw new Error('fixture');
  await host.produce([event('ord-1', 2, 'ORDER_UPDATED', { order: { ...burgerOrder, items: [{ ...burger, quantity: 3 }] } })]);
  await expect(card.getByText('MODIFIED')).toBeVisible({ timeout: 10_000 });
  await expect(card).toContainText('3× Cheeseburger');
  await expect(card).toContainText('REMOVED: 1× Fries');

  await host.produce([
    event('ord-2', 1, 'ORDER_PLACED', {
      order: { ...burgerOrder, displayNumber: 'B2', table: null, channel: 'TAKEOUT', customerName: 'Ana' },
    }),
    event('ord-2', 2, 'ORDER_CANCELLED', { reason: 'customer left' }),
  ]);
  const voided = page.getByRole('article', { name: 'Ticket B2' });
  await expect(voided).toContainText('VOID — customer left', { timeout: 10_000 });
  await page.screenshot({ path: 'test-results/e2e/kitchen-screen.png' });
  await voided.getByRole('button', { name: 'Acknowledge void' }).click();
  await expect(voided).toHaveCount(0);

  await card.getByRole('button', { name: 'Bump' }).click();
  await expect(card).toHaveCount(0);
  await page.getByRole('button', { name: 'Recall last' }).click();
  await expect(card).toBeVisible();
  await expect(page.getByText('No tickets yet')).toHaveCount(0);
  expect(problems, 'no script errors or CSP violations').toEqual([]);
});

test('the JSON endpoints answer the snapshot and the status', async ({ request }) => {
  await host.produce([event('ord-9', 1, 'ORDER_PLACED', { order: burgerOrder })]);
  await expect
    .poll(
      async () =>
        (
          (await (await request.get(`${host.url}api/snapshot`, { headers: host.authorization })).json()) as {
            tickets: { orderId: string }[];
          }
        ).tickets.map((t) => t.orderId),
      { timeout: 20_000 },
    )
    .toEqual(['ord-9']);
  const status = (await (await request.get(`${host.url}api/status`, { headers: host.authorization })).json()) as {
    connection: { state: string };
  };
  expect(['online', 'connecting']).toContain(status.connection.state);
  expect((await request.get(`${host.url}api/status`)).status(), 'without the token').toBe(401);
  expect((await request.get(`${host.url}api/nothing`, { headers: host.authorization })).status()).toBe(404);
  expect((await request.get(`${host.url}../../etc/passwd`)).status()).toBe(404);
});

test('a lost delta (sequence gap) makes the screen ask for a snapshot and end up exact', async ({ page }) => {
  let dropped = 0;
  let snapshotRequests = 0;
  // Sits between the page and the web host and drops the first delta the host sends.
  await page.routeWebSocket(/\/ws/, (ws) => {
    const server = ws.connectToServer();
    server.onMessage((message) => {
      if (dropped === 0 && String(message).startsWith('{"kind":"event","name":"delta"')) {
        dropped += 1;
        return;
      }
      ws.send(message);
    });
    ws.onMessage((message) => {
      if (String(message).includes('"name":"snapshot"')) snapshotRequests += 1;
      server.send(message);
    });
  });
  await page.goto(await host.pairingUrl());
  await expect(page.getByRole('status')).toHaveText('Online', { timeout: 20_000 });
  await host.produce([event('ord-a', 1, 'ORDER_PLACED', { order: { ...burgerOrder, displayNumber: 'G1' } })]);
  await expect.poll(() => dropped, { timeout: 20_000 }).toBe(1);
  await expect(page.getByRole('article', { name: 'Ticket G1' })).toHaveCount(0);
  await host.produce([event('ord-b', 1, 'ORDER_PLACED', { order: { ...burgerOrder, displayNumber: 'G2' } })]);
  await expect(page.getByRole('article', { name: 'Ticket G2' })).toBeVisible({ timeout: 20_000 });
  await expect(page.getByRole('article', { name: 'Ticket G1' })).toBeVisible();
  // One snapshot when the screen connected, one more for the gap.
  expect(snapshotRequests).toBe(2);
});

test('bump-bar keys: arrows select, Enter bumps the selected ticket, R recalls it', async ({ page }) => {
  await host.produce([
    event('ord-k1', 1, 'ORDER_PLACED', { order: { ...burgerOrder, displayNumber: 'K1' } }),
    event('ord-k2', 1, 'ORDER_PLACED', { order: { ...burgerOrder, displayNumber: 'K2' } }),
  ]);
  await page.goto(await host.pairingUrl());
  await expect(page.getByRole('article')).toHaveCount(2, { timeout: 20_000 });
  const second = page.getByRole('article').nth(1);
  const label = await second.getAttribute('aria-label');
  await page.keyboard.press('ArrowRight');
  await expect(second).toHaveClass(/ticket--selected/);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('article', { name: label ?? '' })).toHaveCount(0);
  await page.keyboard.press('r');
  await expect(page.getByRole('article', { name: label ?? '' })).toBeVisible();
});
