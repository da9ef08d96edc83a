import { expect, test } from '@playwright/test';
import { Kafka, logLevel } from 'kafkajs';
import { readFileSync } from 'node:fs';
import { localDay } from '../../electron/core/app/speed-of-service';
import { MERCHANT_HEADER } from '../../shared/order-events';
import { simulateService } from '../../scripts/simulator/service-simulator';
import { createTopics, testConfig } from '../support/core-harness';
import { openScreen, useKitchenHosts } from './screens';

const startHost = useKitchenHosts();

test('reports: speed-of-service charts for a simulated week at 1920×1080 and 1024×768, CSV export, and an audit timeline found by its number', async ({
  browser,
}) => {
  const bootstrap = process.env.KDS_TEST_BOOTSTRAP ?? '';
  // A casual restaurant: warn at 12 minutes, late at 18.
  const config = testConfig(bootstrap, { terminalId: 'expo-1', screen: { warnMinutes: 12, lateMinutes: 18, sound: false } });
  const kafka = new Kafka({ brokers: [bootstrap], clientId: 'reports-e2e', logLevel: logLevel.NOTHING });
  await createTopics(kafka, config);
  const day = localDay(Date.now() - 24 * 3600_000);
  const days = Array.from({ length: 8 }, (_, i) => localDay(Date.now() - (8 - i) * 24 * 3600_000));
  const { orders, kitchen } = simulateService({ merchantId: 'm-1', days, ordersPerDay: 120, until: Date.now() });
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  const message = (e: { orderId: string; merchantId: string }) => ({
    key: e.orderId,
    value: JSON.stringify(e),
    headers: { [MERCHANT_HEADER]: e.merchantId },
  });
  await producer.send({ topic: config.topics.orders, acks: -1, messages: orders.map(message) });
  await producer.send({ topic: config.topics.kitchenEvents, acks: -1, messages: kitchen.map(message) });
  await producer.disconnect();
  // Produced before the terminal starts, so it reads a backlog with the service's own times.
  const host = await startHost({ config });

  const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
  const refused: string[] = [];
  page.on('console', (entry) => entry.type() === 'error' && refused.push(entry.text()));
  await openScreen(page, host);
  await page.getByRole('button', { name: 'Reports' }).click();
  const reports = page.getByRole('dialog', { name: 'Reports' });
  await reports.locator('input[type=date]').fill(day);
  const tickets = reports.locator('.tile', { hasText: 'Tickets' }).locator('.tile__value');
  await expect(tickets).toHaveText(/^\d+$/, { timeout: 30_000 });
  // The backlog may still be arriving: reopen the day until the figures stop growing.
  await expect
    .poll(
      async () => {
        await reports.locator('input[type=date]').fill(days[6] ?? day);
        await reports.locator('input[type=date]').fill(day);
        return Number(await tickets.textContent());
      },
      { timeout: 30_000 },
    )
    .toBeGreaterThan(100);
  await expect(reports.getByRole('img', { name: /Ticket time by hour/ })).toBeVisible();
  await expect(reports.getByRole('img', { name: 'Tickets bumped per 15 minutes' })).toBeVisible();
  await expect(reports.getByRole('table')).toContainText(/\d+:\d\d/);
  await page.screenshot({ path: 'test-results/e2e/reports-1920x1080.png', fullPage: false });
  await page.setViewportSize({ width: 1024, height: 768 });
  await expect(reports.getByRole('img', { name: 'Ticket time by station' })).toBeVisible();
  await page.screenshot({ path: 'test-results/e2e/reports-1024x768.png' });
  await reports.getByRole('img', { name: 'Ticket time by channel' }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/e2e/reports-1024x768-scrolled.png' });

  const download = page.waitForEvent('download');
  await reports.getByRole('button', { name: 'Export CSV' }).click();
  const file = await (await download).path();
  const csv = readFileSync(file, 'utf8');
  expect(csv.split('\r\n')[0]).toBe('order_id,display_number,channel,station,fired_at,bumped_at,seconds,late');
  expect(csv.split('\r\n').length).toBeGreaterThan(200);

  // The audit trail of one of the day's orders, found by its display number.
  const target = orders.find((o) => o.occurredAt.startsWith(day) || localDay(Date.parse(o.occurredAt)) === day);
  if (!target?.order) throw new Error('no order that day');
  await reports.getByRole('button', { name: 'Audit trail' }).click();
  await reports.getByLabel('Ticket number').fill(target.order.displayNumber);
  await reports.getByRole('button', { name: 'Find' }).click();
  // Display numbers repeat from day to day: several orders are offered, or the only one is opened.
  const found = reports.getByRole('list', { name: 'Orders found' });
  const timeline = reports.getByRole('table', { name: 'Timeline' });
  await expect(found.or(timeline)).toBeVisible();
  if (await found.isVisible()) {
    await found
      .getByRole('button')
      .filter({ hasText: new Date(Date.parse(target.occurredAt)).toLocaleDateString() })
      .first()
      .click();
  }
  await expect(reports.getByRole('heading', { level: 3 })).toContainText(target.orderId);
  await expect(timeline.locator('tr[data-kind=RECEIVED]').first()).toContainText('placed (v1)');
  await expect(timeline.locator('tr[data-kind=RECEIVED]').first()).toContainText(/partition \d, offset \d+/);
  await page.screenshot({ path: 'test-results/e2e/reports-audit-1024x768.png' });
  expect(refused.filter((text) => /Content Security Policy|Refused/i.test(text))).toEqual([]);
});
