import { build } from 'esbuild';
import { expect, test, type Frame } from '@playwright/test';
import { registerAppApi } from '../../electron/shell/ipc-wiring';
import { preloadBundle } from '../../scripts/electron-bundles';
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
  const { outputFiles } = await build({ ...preloadBundle, write: false, sourcemap: false, logLevel: 'silent' });
  const preload = outputFiles?.find((file) => file.path.endsWith('preload.cjs'))?.text;
  if (!preload) throw new Error('no preload bundle');

  // Main process side: the real handlers, with stand-ins for ipcMain and the window's webContents.
  const handlers = new Map<string, (event: { senderFrame: unknown }, input: unknown) => unknown>();
  const mainFrame = { url: host.url };
  const contents = {
    mainFrame,
    isDestroyed: () => page.isClosed(),
    send: (channel: string, payload: unknown) =>
      void page
        .evaluate(([c, p]) => (globalThis as unknown as BrowserSide).__kdsDeliver?.(c, p), [channel, payload] as const)
        .catch(() => undefined),
  };
  const ipcMain = {
    handle: (channel: string, handler: (event: { senderFrame: unknown }, input: unknown) => unknown) => void handlers.set(channel, handler),
    removeHandler: (channel: string) => void handlers.delete(channel),
  };
  const unregister = registerAppApi(ipcMain as never, contents as never, host.terminal.api, host.url);
  // ipcRenderer.invoke: the sender frame is the page's main frame only when the call comes from it.
  await page.exposeBinding('__kdsInvoke', async ({ frame }: { frame: Frame }, channel: string, input: unknown) => {
    const handler = handlers.get(channel);
    if (!handler) throw new Error(`no handler for ${channel}`);
    const senderFrame = frame === page.mainFrame() ? mainFrame : { url: frame.url() };
    return handler({ senderFrame }, input);
  });
  await page.addInitScript((code: string) => {
    const window = globalThis as unknown as BrowserSide;
    const listeners = new Map<string, Set<(event: unknown, payload: unknown) => void>>();
    window.__kdsDeliver = (channel: string, payload: unknown) => listeners.get(channel)?.forEach((listener) => listener({}, payload));
    const electron = {
      contextBridge: { exposeInMainWorld: (key: string, api: unknown) => Object.defineProperty(globalThis, key, { value: api }) },
      ipcRenderer: {
        invoke: (channel: string, input: unknown) => window.__kdsInvoke?.(channel, input),
        on: (channel: string, listener: (event: unknown, payload: unknown) => void) => {
          listeners.set(channel, (listeners.get(channel) ?? new Set()).add(listener));
        },
        removeListener: (channel: string, listener: (event: unknown, payload: unknown) => void) => listeners.get(channel)?.delete(listener),
      },
    };
    const allowed = new Set(['events', 'timers', 'url', 'node:events', 'node:timers', 'node:url']);
    const sandboxRequire = (name: string): unknown => {
      if (name === 'electron') return electron;
      if (allowed.has(name)) return {};
      throw new Error(`Electron's sandbox cannot load module "${name}"`);
    };
    const module = { exports: {} };
    new Function('require', 'module', 'exports', code)(sandboxRequire, module, module.exports);
  }, preload);

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

/** The page's globals this emulation adds (the preload's `window.kds` among them). */
interface BrowserSide {
  __kdsInvoke?: (channel: string, input: unknown) => Promise<unknown>;
  __kdsDeliver?: (channel: string, payload: unknown) => void;
  kds?: unknown;
}
