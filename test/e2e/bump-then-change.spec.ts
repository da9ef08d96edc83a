import { expect, test } from '@playwright/test';
import type { OrderEvent } from '../../shared/order-events';
import { testConfig } from '../support/core-harness';
import { grillAndFryOrder } from '../support/kitchen-fixtures';
import { openScreen as open, useKitchenHosts } from './screens';

const startHost = useKitchenHosts();

test('a change after the bump brings the ticket back with only what changed; a cancel after the bump shows VOID (expo and station)', async ({
  browser,
}) => {
  const bootstrap = process.env.KDS_TEST_BOOTSTRAP ?? '';
  const grillConfig = testConfig(bootstrap, { terminalId: 'grill-1', stations: ['grill'] });
  const grill = await startHost({ config: grillConfig, createTopics: true });
  const expo = await startHost({ config: testConfig(bootstrap, { env: grillConfig.env, terminalId: 'expo-1' }) });
  const [grillPage, expoPage] = await Promise.all([browser.newPage(), browser.newPage()]);
  if (!grillPage || !expoPage) throw new Error('pages');
  await open(grillPage, grill);
  await open(expoPage, expo);

  const placed = grillAndFryOrder('ord-b1');
  await grill.produce([placed]);
  const onGrill = grillPage.getByRole('article', { name: 'Ticket ORD-B1' });
  const onExpo = expoPage.getByRole('article', { name: 'Ticket ORD-B1' });
  await expect(onGrill).toBeVisible({ timeout: 20_000 });
  await expect(onExpo).toBeVisible({ timeout: 20_000 });
  await onGrill.getByRole('button', { name: 'Bump' }).click();
  await expect(onGrill).toHaveCount(0);
  await onExpo.getByRole('button', { name: 'Bump' }).click();
  await expect(onExpo).toHaveCount(0);

  // The guest adds a bacon burger after both screens bumped: the grill must cook it.
  const order = placed.order;
  const burger = order?.items[0];
  if (!order || !burger) throw new Error('fixture');
  const update: OrderEvent = {
    ...placed,
    eventId: 'ord-b1-2',
    type: 'ORDER_UPDATED',
    version: 2,
    occurredAt: new Date().toISOString(),
    order: { ...order, items: [...order.items, { ...burger, lineId: 'l3', name: 'Bacon Burger', quantity: 1, modifiers: [] }] },
  };
  await grill.produce([update]);
  await expect(onGrill).toBeVisible({ timeout: 10_000 });
  await expect(onExpo).toBeVisible({ timeout: 10_000 });
  for (const ticket of [onGrill, onExpo]) {
    await expect(ticket).toContainText('MODIFIED');
    await expect(ticket).toContainText('Bacon Burger');
    await expect(ticket).not.toContainText('Cheeseburger');
  }
  await expect(onExpo).not.toContainText('Fries');
  await grillPage.screenshot({ path: 'test-results/e2e/grill-after-change-after-bump.png' });
  await onGrill.getByRole('button', { name: 'Bump' }).click();
  await expect(onGrill).toHaveCount(0);
  await onExpo.getByRole('button', { name: 'Bump' }).click();
  await expect(onExpo).toHaveCount(0);

  // Then the order is cancelled: the runner may be about to serve it.
  const cancel: OrderEvent = {
    eventId: 'ord-b1-3',
    type: 'ORDER_CANCELLED',
    orderId: 'ord-b1',
    merchantId: 'm-1',
    version: 3,
    occurredAt: new Date().toISOString(),
    reason: 'guest left',
  };
  await grill.produce([cancel]);
  for (const ticket of [onGrill, onExpo]) {
    await expect(ticket).toBeVisible({ timeout: 10_000 });
    await expect(ticket).toContainText('VOID');
  }
  await expoPage.screenshot({ path: 'test-results/e2e/expo-void-after-bump.png' });
  await onGrill.getByRole('button', { name: 'Acknowledge void' }).click();
  await expect(onGrill).toHaveCount(0);
  await onExpo.getByRole('button', { name: 'Acknowledge void' }).click();
  await expect(onExpo).toHaveCount(0);
  await Promise.all([grillPage.close(), expoPage.close()]);
});
