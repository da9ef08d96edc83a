import { expect, test } from '@playwright/test';
import { emulateElectronIpc, type BrowserSide } from './electron-emulation';
import { grillAndFryOrder } from '../support/kitchen-fixtures';
import { useKitchenHosts } from './screens';

const startHost = useKitchenHosts();

/**
 * The desktop app's IPC path as Electron runs it, emulated in Chromium: the built renderer, the
 * built preload evaluated with a `require` that allows only what Electron's sandbox allows, its
 * ipcRenderer forwarding to the real main-process handlers (electron/shell/ipc-wiring.ts) in
 * this process, a real core and a real broker. What this does not cover is in README.
 */
test('the desktop IPC path, emulated: an order appears, a bump works, a request from another frame is refused', async ({ page }) => {
  const host = await startHost({});
  const unregister = await emulateElectronIpc(page, host.terminal.api, host.url);
  try {
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    // Everything must go through the emulated IPC, none through the web host's WebSocket.
    let websockets = 0;
    page.on('websocket', () => (websockets += 1));
    await page.goto(host.url);
    await expect(page.getByRole('status')).toHaveText('Online', { timeout: 20_000 });
    expect(await page.evaluate('typeof window.kds?.snapshot')).toBe('function');
    await host.produce([grillAndFryOrder('ord-ipc')]);
    const ticket = page.getByRole('article', { name: 'Ticket ORD-IPC' });
    await expect(ticket).toBeVisible({ timeout: 20_000 });
    await ticket.getByRole('button', { name: 'Bump' }).click();
    await expect(ticket).toHaveCount(0);

    // A frame that is not the app's top frame (an injected iframe) is refused by the main process.
    await page.evaluate(`new Promise((resolve) => {
      const frame = document.createElement('iframe');
      frame.srcdoc = '<p>elsewhere</p>';
      frame.addEventListener('load', resolve);
      document.body.append(frame);
    })`);
    const child = page.frames().find((frame) => frame !== page.mainFrame());
    const fromChild = await child?.evaluate(() =>
      (globalThis as unknown as BrowserSide).__kdsInvoke?.('kds:request:snapshot', undefined).then(
        () => 'answered',
        (error: Error) => `refused: ${error.message}`,
      ),
    );
    expect(fromChild).toMatch(/^refused: .*did not come from the kitchen screen/);
    expect(problems).toEqual([]);
    expect(websockets).toBe(0);
  } finally {
    unregister();
  }
});
