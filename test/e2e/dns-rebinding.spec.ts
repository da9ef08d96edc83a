import { expect, test } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../playwright.config';
import { grillAndFryOrder } from '../support/kitchen-fixtures';
import { useKitchenHosts } from './screens';

const startHost = useKitchenHosts();

// The browser resolves a hostile name to the terminal's address, as a rebinding attacker's DNS would.
test.use({
  launchOptions: { executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS, '--host-resolver-rules=MAP rebound.example 127.0.0.1'] },
});

test("a page whose name resolves to the terminal (DNS rebinding) is refused: its Host is not the terminal's", async ({ page }) => {
  const host = await startHost({});
  await host.produce([grillAndFryOrder('ord-h2')]);
  const rebound = `http://rebound.example:${host.port}/`;
  const response = await page.goto(rebound);
  expect(response?.status()).toBe(403);
  // Same origin as far as the browser knows, so nothing but the Host check stands in the way.
  const read = await page.evaluate(async (url) => (await fetch(`${url}api/snapshot`)).status, rebound);
  expect(read).toBe(403);
  const socket = await page.evaluate(
    (url) =>
      new Promise<string>((resolve) => {
        const ws = new WebSocket(`${url.replace('http', 'ws')}ws`);
        ws.onopen = () => resolve('opened');
        ws.onerror = () => resolve('refused');
      }),
    rebound,
  );
  expect(socket).toBe('refused');
});
