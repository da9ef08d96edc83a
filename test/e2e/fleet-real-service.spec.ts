import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { Kafka, logLevel } from 'kafkajs';
import { fleetConfigSchema, resolveFleetConfig } from '../../fleet/fleet-config';
import { startFleetService } from '../../fleet/fleet-service';
import { healthKey, type TerminalHealth } from '../../shared/terminal-health';
import { healthyRecord } from '../support/health-record';

const TOKEN = 'fleet-e2e-token-0123456789abcdef';

function health(merchantId: string, terminalId: string, overrides: Partial<TerminalHealth> = {}): TerminalHealth {
  const now = new Date().toISOString();
  return healthyRecord(merchantId, terminalId, now, now, overrides);
}

test('the fleet page on the real fleet service: health records from Kafka shown worst first, a terminal gone quiet called silent', async ({
  browser,
}) => {
  const env = `e2efleet${Date.now().toString(36)}`;
  const kafka = new Kafka({ clientId: 'fleet-e2e', brokers: [process.env.KDS_TEST_BOOTSTRAP ?? ''], logLevel: logLevel.NOTHING });
  let clockOffset = 0;
  const service = await startFleetService(
    resolveFleetConfig(
      fleetConfigSchema.parse({
        brokers: [process.env.KDS_TEST_BOOTSTRAP ?? ''],
        env,
        port: 0,
        token: TOKEN,
        dataDir: mkdtempSync(join(tmpdir(), 'kds-fleet-')),
      }),
    ),
    { now: () => Date.now() + clockOffset, log: () => undefined },
  );
  const producer = kafka.producer();
  await producer.connect();
  const publish = (records: TerminalHealth[]) =>
    producer.send({
      topic: `${env}.kds-terminal-health`,
      acks: -1,
      messages: records.map((h) => ({
        key: healthKey(h.merchantId, h.terminalId),
        value: JSON.stringify(h),
        headers: { 'merchant-id': h.merchantId },
      })),
    });
  const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
  try {
    await publish([health('m-ok', 'expo'), health('m-dl', 'grill'), health('m-off', 'fry'), health('m-quiet', 'expo')]);
    await page.goto(`${service.url}/#token=${TOKEN}`);
    await expect(page.locator('table.terminals tbody tr')).toHaveCount(4);

    // 80 s later by the service's clock: three terminals report again (one with new dead letters, one offline); one stays quiet.
    clockOffset = 80_000;
    await publish([
      health('m-ok', 'expo'),
      health('m-dl', 'grill', { deadLetters: { count: 2, lastReason: 'SCHEMA' } }),
      health('m-off', 'fry', { connection: { state: 'offline', since: new Date(Date.now() - 120_000).toISOString() } }),
    ]);
    const rows = page.locator('table.terminals tbody tr');
    await expect(rows.nth(0)).toContainText('Silent', { timeout: 15_000 });
    await expect(rows.nth(0)).toContainText('m-quiet');
    await expect(rows.nth(1)).toContainText('Offline');
    await expect(rows.nth(1)).toContainText(/Kafka unreachable for \d+ min/i);
    await expect(rows.nth(2)).toContainText('Trouble');
    await expect(rows.nth(2)).toContainText(/2 dead letters \(rising\), last: SCHEMA/i);
    await expect(rows.nth(3)).toContainText('OK');
    await page.screenshot({ path: 'test-results/e2e/fleet-real-service-1920x1080.png' });
  } finally {
    await page.close();
    await producer.disconnect();
    await service.stop();
  }
});
