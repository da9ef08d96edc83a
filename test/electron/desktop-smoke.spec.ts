import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { _electron as electron, expect, test } from '@playwright/test';
import { Kafka, logLevel } from 'kafkajs';
import { createTopicsReady } from '../../scripts/kafka/create-topics';
import { LocalBroker } from '../../scripts/kafka/local-broker';
import { MERCHANT_HEADER } from '../../shared/order-events';
import { grillAndFryOrder } from '../support/kitchen-fixtures';

/**
 * The installed shape of the product: Electron's main process with the sandboxed preload and the
 * renderer from file://, a real core and a real broker. A ticket appears, a bump clears it, the
 * preload's bridge is there (a preload that the sandbox cannot load leaves `window.kds` undefined).
 */
test('the desktop app opens its window, shows a ticket from Kafka and takes a bump', async () => {
  const broker = await LocalBroker.create();
  await broker.start();
  try {
    const env = `smoke${Date.now()}`;
    const kafka = new Kafka({ brokers: [broker.bootstrap], logLevel: logLevel.NOTHING });
    const admin = kafka.admin();
    await admin.connect();
    await createTopicsReady(admin, [
      { topic: `${env}.orders`, numPartitions: 1, replicationFactor: 1 },
      { topic: `${env}.kitchen-events`, numPartitions: 1, replicationFactor: 1 },
    ]);
    await admin.disconnect();
    const folder = mkdtempSync(join(tmpdir(), 'kds-desktop-'));
    const configFile = join(folder, 'kds.json');
    const config = { env, merchantId: 'm-1', terminalId: 'expo-1', kafka: { brokers: [broker.bootstrap] }, dataDir: join(folder, 'data') };
    writeFileSync(configFile, JSON.stringify(config), { mode: 0o600 });

    const app = await electron.launch({
      args: [resolve('.')],
      env: { ...process.env, KDS_CONFIG: configFile, KDS_START_AT_LOGIN: 'false' },
    });
    try {
      const page = await app.firstWindow();
      expect(await page.evaluate('typeof window.kds')).toBe('object');
      await expect(page.getByRole('status').first()).toHaveText('Online', { timeout: 60_000 });

      const producer = kafka.producer();
      await producer.connect();
      const order = grillAndFryOrder('ord-desktop');
      await producer.send({
        topic: `${env}.orders`,
        messages: [{ key: order.orderId, value: JSON.stringify(order), headers: { [MERCHANT_HEADER]: order.merchantId } }],
      });
      await producer.disconnect();

      const ticket = page.getByRole('article', { name: 'Ticket ORD-DESKTOP' });
      await expect(ticket).toBeVisible({ timeout: 30_000 });
      await ticket.getByRole('button', { name: 'Bump' }).click();
      await expect(ticket).toHaveCount(0);
      await page.screenshot({ path: 'test-results/electron/desktop.png' });
    } finally {
      await app.close();
    }
  } finally {
    await broker.destroy();
  }
});

/** A terminal unpacked and started for the first time: no configuration yet, the setup form instead of an error. */
test('the desktop app on its first start shows the setup form, with the key store named for the password', async () => {
  const folder = mkdtempSync(join(tmpdir(), 'kds-first-start-'));
  const app = await electron.launch({
    args: [resolve('.')],
    env: { ...process.env, KDS_CONFIG: join(folder, 'kds.json'), KDS_START_AT_LOGIN: 'false' },
  });
  try {
    const page = await app.firstWindow();
    await expect(page.getByRole('heading', { name: 'Set up this kitchen screen' })).toBeVisible({ timeout: 30_000 });
    await page.getByLabel('Authentication (SASL)').selectOption('scram-sha-512');
    // Where safeStorage has a key store (hosted runners' macOS and Windows), a typed password is sealed by it.
    await expect(
      page.getByText(/Kept encrypted by this computer’s key store|Kept in a file only this terminal’s user may read/),
    ).toBeVisible();
    await page.screenshot({ path: 'test-results/electron/first-start.png' });
  } finally {
    await app.close();
  }
});
