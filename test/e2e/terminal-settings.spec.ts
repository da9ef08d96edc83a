import { readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { TerminalRunner } from '../../electron/core/app/terminal-runner';
import { createTerminalTopics } from '../../scripts/kafka/create-topics';
import { WorkerTerminal } from '../../electron/core/app/worker-terminal';
import { WebHost } from '../../electron/core/host/web-host';
import { freshEnv } from '../support/core-harness';
import { grillAndFryOrder, produceOrders } from '../support/kitchen-fixtures';
import { TEST_WORKER, terminalFolder, type TerminalFolder } from '../support/terminal-folder';
import { emulateElectronIpc } from './electron-emulation';
import { useKitchenHosts } from './screens';

const startHost = useKitchenHosts();
let stops: (() => Promise<void> | void)[] = [];
test.afterEach(async () => {
  for (const stop of stops.reverse()) await stop();
  stops = [];
});

function bootstrap(): string {
  const address = process.env.KDS_TEST_BOOTSTRAP;
  if (!address) throw new Error('KDS_TEST_BOOTSTRAP is not set (global setup starts the broker)');
  return address;
}

async function startRunner({ configFile, newConfigDefaults }: TerminalFolder): Promise<TerminalRunner> {
  const runner = await TerminalRunner.start({
    configFile,
    newConfigDefaults,
    log: () => undefined,
    coalesceMs: 50,
  });
  stops.push(() => runner.stop());
  return runner;
}

const field = (page: Page, label: string) => page.getByLabel(label, { exact: true });

test('first start of the desktop app: the setup screen checks each field, tests the connection, pins the cluster and starts the kitchen', async ({
  page,
}) => {
  const folder = terminalFolder('kds-setup-e2e');
  const env = freshEnv();
  const runner = await startRunner(folder);
  // Any kitchen host serves the built renderer; the screen talks to the runner through the emulated IPC only.
  const files = await startHost({});
  stops.push(await emulateElectronIpc(page, runner.api, files.url));
  await createTerminalTopics(files.kafka, env, { orders: 1, kitchenEvents: 1 });

  await page.setViewportSize({ width: 1024, height: 768 });
  await page.goto(files.url);
  await expect(page.getByRole('heading', { name: 'Set up this kitchen screen' })).toBeVisible({ timeout: 20_000 });
  await field(page, 'Merchant ID').fill('m-1');
  await field(page, 'Terminal ID').fill('grill 1');
  await field(page, 'Environment').fill(env);
  await field(page, 'Brokers').fill('kafka-1.example');
  await field(page, 'Late after (minutes)').fill('4');
  // Field by field, as they type: what is wrong and how to put it right.
  await expect(page.getByText('letters, digits, dot, underscore or dash only')).toBeVisible();
  await expect(page.getByText('host:port', { exact: true })).toBeVisible();
  await expect(page.getByText('must be more than the warning time')).toBeVisible();
  await page.screenshot({ path: 'test-results/e2e/setup-field-errors-1024x768.png', fullPage: true });

  await field(page, 'Terminal ID').fill('grill-1');
  await field(page, 'Brokers').fill(bootstrap());
  await field(page, 'Late after (minutes)').fill('9');
  await page.getByRole('button', { name: 'Save and start' }).click();
  // What only the terminal checks: a PIN chosen to protect these settings.
  await expect(page.getByText('choose a PIN: it protects these settings')).toBeVisible();
  await field(page, 'PIN for these settings').fill('4711');

  await page.getByRole('button', { name: 'Test connection' }).click();
  const tested = page.getByRole('status', { name: 'Connection test result' });
  await expect(tested).toContainText(`${env}.orders: 1 partition`);
  const clusterId = (await tested.locator('code').textContent()) ?? '';
  expect(clusterId).not.toBe('');
  await tested.getByRole('button', { name: 'Pin this cluster' }).click();
  await expect(field(page, 'Pinned cluster')).toHaveValue(clusterId);
  await page.screenshot({ path: 'test-results/e2e/setup-tested-1024x768.png', fullPage: true });

  await page.getByRole('button', { name: 'Save and start' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Online' })).toBeVisible({ timeout: 20_000 });
  await produceOrders(files.kafka, `${env}.orders`, [grillAndFryOrder('ord-first')]);
  await expect(page.getByRole('article', { name: 'Ticket ORD-FIRST' })).toBeVisible({ timeout: 20_000 });
  expect(JSON.parse(readFileSync(folder.configFile, 'utf8'))).toMatchObject({
    env,
    expectedClusterId: clusterId,
    diagnosticsPin: '4711',
  });
});

test('a second screen changes the settings through the web host (core in its worker thread): paired, PIN first, saved, the core restarted with them', async ({
  page,
}) => {
  const env = freshEnv();
  const folder = terminalFolder('kds-settings-e2e', { env, merchantId: 'm-1', terminalId: 'grill-1', kafka: { brokers: [bootstrap()] } });
  const files = await startHost({});
  await createTerminalTopics(files.kafka, env, { orders: 1, kitchenEvents: 1 });
  // As `serve` runs it: the core in a worker thread, the web host and screen access on this one.
  const { configFile, newConfigDefaults } = folder;
  const runner = await WorkerTerminal.start({ configFile, newConfigDefaults, ...TEST_WORKER, log: () => undefined });
  stops.push(() => runner.stop());
  if (!runner.access) throw new Error(runner.notRunning ?? 'no access');
  const host = new WebHost(runner.api, { host: '127.0.0.1', port: 0, access: runner.access, rendererDir: resolve('dist/renderer') });
  await host.start();
  stops.push(() => host.stop());
  const pairing = await runner.api.pairScreen({});
  if (!pairing.ok || !pairing.value.url) throw new Error('no pairing link');

  // The smallest kitchen panel: the dialog scrolls, every control stays reachable.
  await page.setViewportSize({ width: 800, height: 480 });
  await page.goto(pairing.value.url);
  await expect(page.getByRole('status').filter({ hasText: 'Online' })).toBeVisible({ timeout: 20_000 });
  await expect(page.getByText('Expo — all stations')).toBeVisible();
  await page.getByRole('button', { name: 'Diagnostics' }).click();
  await page.getByRole('button', { name: 'Settings…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Settings' });
  await dialog.getByLabel('PIN').fill('1234');
  await dialog.getByRole('button', { name: 'Unlock' }).click();
  await expect(dialog.getByRole('alert')).toHaveText('wrong PIN');
  await dialog.getByLabel('PIN').fill('4711');
  await dialog.getByRole('button', { name: 'Unlock' }).click();
  await expect(field(page, 'Merchant ID')).toHaveValue('m-1');
  await expect(field(page, 'Brokers')).toHaveValue(bootstrap());
  await field(page, 'Stations').fill('grill');
  await field(page, 'Warn after (minutes)').fill('3');
  await page.screenshot({ path: 'test-results/e2e/settings-dialog-800x480.png' });

  // The schema registry: each field checked as typed; its password written to an owner-only file.
  await field(page, 'Kitchen events written as').selectOption('avro');
  await expect(dialog.getByText('Avro kitchen events need a schema registry')).toBeVisible();
  await field(page, 'Registry URL').fill('registry.example:8081');
  await expect(dialog.getByText('the registry URL must be http(s)://host[:port][/path]')).toBeVisible();
  await expect(dialog.getByText('Avro kitchen events need a schema registry')).toHaveCount(0);
  // Nobody listens there: the terminal starts and reads JSON without it; only Avro records would wait for it.
  const registryUrl = 'http://127.0.0.1:9/apis/ccompat/v7';
  await field(page, 'Registry URL').fill(registryUrl);
  await field(page, 'Registry password').fill('reg-s3cret!');
  await expect(dialog.getByText('a password needs a username')).toBeVisible();
  await field(page, 'Registry username').fill('kds-reg');
  await expect(dialog.getByText('a password needs a username')).toHaveCount(0);
  await page.setViewportSize({ width: 1280, height: 800 });
  await field(page, 'Kitchen events written as').scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/e2e/settings-registry-1280x800.png' });
  await dialog.getByRole('button', { name: 'Save and restart' }).click();
  await expect(dialog.getByRole('button', { name: 'Saving and restarting…' })).toBeDisabled();
  // The answer comes once the old core has stopped (its consumers leave their groups) and the new one runs.
  await expect(dialog).toHaveCount(0, { timeout: 30_000 });

  // The core restarted with the new settings; this screen refreshed itself and shows them.
  await expect(page.getByText('grill', { exact: true })).toBeVisible({ timeout: 20_000 });
  expect(runner.config?.stations).toEqual(['grill']);
  expect(runner.config?.screen.warnMinutes).toBe(3);
  expect(runner.config?.schemaRegistry).toEqual({ url: registryUrl, auth: { username: 'kds-reg', password: 'reg-s3cret!' } });
  const written = readFileSync(configFile, 'utf8');
  expect(written).not.toContain('reg-s3cret!');
  expect(JSON.parse(written)).toMatchObject({
    kitchenEventFormat: 'avro',
    schemaRegistry: { url: registryUrl, username: 'kds-reg', passwordFile: 'schema-registry-password' },
  });
  const passwordFile = join(folder.dir, 'schema-registry-password');
  expect(readFileSync(passwordFile, 'utf8')).toBe('reg-s3cret!\n');
  expect(statSync(passwordFile).mode & 0o777).toBe(0o600);
  await produceOrders(files.kafka, `${env}.orders`, [grillAndFryOrder('ord-web')]);
  const ticket = page.getByRole('article', { name: 'Ticket ORD-WEB' });
  await expect(ticket).toBeVisible({ timeout: 20_000 });
  await expect(ticket).not.toContainText('Fries');

  // Opened again: the registry as saved, its password never sent back to the screen, only that it is set.
  await page.getByRole('button', { name: 'Diagnostics' }).click();
  await page.getByRole('button', { name: 'Settings…' }).click();
  const again = page.getByRole('dialog', { name: 'Settings' });
  await again.getByLabel('PIN').fill('4711');
  await again.getByRole('button', { name: 'Unlock' }).click();
  await expect(field(page, 'Registry URL')).toHaveValue(registryUrl);
  await expect(field(page, 'Registry username')).toHaveValue('kds-reg');
  await expect(field(page, 'Registry password')).toHaveValue('');
  await expect(field(page, 'Registry password')).toHaveAttribute('placeholder', '(set)');
  await expect(field(page, 'Kitchen events written as')).toHaveValue('avro');
  await field(page, 'Kitchen events written as').scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/e2e/settings-registry-set-1280x800.png' });
});
