import { expect, test, type Page } from '@playwright/test';
import { testConfig } from '../support/core-harness';
import { KitchenHost } from './kitchen-host';

/** Kitchen hosts for one spec file, each stopped after its test. Call at the top of a spec. */
export function useKitchenHosts(): (options: Parameters<typeof KitchenHost.start>[0]) => Promise<KitchenHost> {
  let hosts: KitchenHost[] = [];
  test.afterEach(async () => {
    await Promise.all(hosts.map((host) => host.stop()));
    hosts = [];
  });
  return async (options) => {
    const host = await KitchenHost.start(options);
    hosts.push(host);
    return host;
  };
}

/** Pairs the page with a host through a pairing link, and waits until the screen shows the broker online. */
export async function openScreen(page: Page, host: KitchenHost): Promise<void> {
  await page.goto(await host.pairingUrl());
  await expect(page.getByRole('status')).toHaveText('Online', { timeout: 20_000 });
}

/** Counts the chimes a page plays (each is two tones made with Web Audio). Call before the page loads. */
export async function countChimes(page: Page): Promise<void> {
  await page.addInitScript(() => {
    type Oscillating = { prototype: { createOscillator: (this: unknown) => unknown } };
    const page = globalThis as unknown as { chimeTones: number; AudioContext: Oscillating };
    page.chimeTones = 0;
    const original = page.AudioContext.prototype.createOscillator;
    page.AudioContext.prototype.createOscillator = function createOscillator(this: unknown) {
      page.chimeTones += 1;
      return original.call(this);
    };
  });
}

/** How many chimes the page played since it loaded (see countChimes). */
export const chimes = async (page: Page): Promise<number> =>
  (await page.evaluate(() => (globalThis as unknown as { chimeTones: number }).chimeTones)) / 2;

/** One kitchen of two terminals on the test broker: grill (its topics created) and expo. */
export async function grillAndExpoHosts(
  startHost: (options: Parameters<typeof KitchenHost.start>[0]) => Promise<KitchenHost>,
): Promise<{ grill: KitchenHost; expo: KitchenHost }> {
  const bootstrap = process.env.KDS_TEST_BOOTSTRAP ?? '';
  const grillConfig = testConfig(bootstrap, { terminalId: 'grill-1', stations: ['grill'] });
  const grill = await startHost({ config: grillConfig, createTopics: true });
  const expo = await startHost({ config: testConfig(bootstrap, { env: grillConfig.env, terminalId: 'expo-1' }) });
  return { grill, expo };
}
