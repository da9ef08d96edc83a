import { expect, test, type Page } from '@playwright/test';
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
