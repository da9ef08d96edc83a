import { expect, test } from '@playwright/test';
import { createTerminalTopics } from '../../scripts/kafka/create-topics';
import { freshEnv } from '../support/core-harness';
import { grillAndFryOrder, produceOrders } from '../support/kitchen-fixtures';
import { terminalFolder } from '../support/terminal-folder';
import { emulateElectronIpc, startDesktopCore, type BrowserSide } from './electron-emulation';
import { useKitchenHosts } from './screens';

const startHost = useKitchenHosts();

/**
 * The desktop app's IPC path as Electron runs it, emulated in Chromium: the built renderer, the
 * built preload evaluated with a `require` that allows only what Electron's sandbox allows, its
 * ipcRenderer forwarding to the real main-process handlers (electron/shell/ipc-wiring.ts) in
 * this process, which call a WorkerTerminal as electron/main.ts does — the core in its worker
 * thread, a real broker. What this does not cover is in README.
 */
test('the desktop IPC path, emulated: an order appears, a bump works, a request from another frame is refused', async ({ page }) => {
  // Any kitchen host serves the built renderer; the screen talks to the desktop core through the emulated IPC only.
  const files = await startHost({});
  const env = freshEnv();
  await createTerminalTopics(files.kafka, env, { orders: 1, kitchenEvents: 1 });
  const core = await startDesktopCore(
    terminalFolder('kds-ipc-e2e', { env, merchantId: 'm-1', terminalId: 'expo-1', kafka: { brokers: files.config.kafka.brokers } }),
  );
  const unregister = await emulateElectronIpc(page, core.api, files.url);
  try {
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    // Everything must go through the emulated IPC, none through the web host's WebSocket.
    let websockets = 0;
    page.on('websocket', () => (websockets += 1));
    await page.goto(files.url);
    await expect(page.getByRole('status')).toHaveText('Online', { timeout: 20_000 });
    expect(await page.evaluate('typeof window.kds?.snapshot')).toBe('function');
    await produceOrders(files.kafka, `${env}.orders`, [grillAndFryOrder('ord-ipc')]);
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
    await core.stop();
  }
});
