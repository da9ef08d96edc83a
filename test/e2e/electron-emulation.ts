import { build } from 'esbuild';
import type { Frame, Page } from '@playwright/test';
import { WorkerTerminal } from '../../electron/core/app/worker-terminal';
import { registerAppApi } from '../../electron/shell/ipc-wiring';
import { preloadBundle } from '../../scripts/electron-bundles';
import type { AppApi } from '../../shared/app-api';
import { TEST_WORKER, type TerminalFolder } from '../support/terminal-folder';

/**
 * The desktop app's core as electron/main.ts starts it: a WorkerTerminal whose core runs in a
 * worker thread, read from the terminal's `kds.json`; its `api` is what the IPC handlers call, so
 * every request and event crosses the worker boundary as it does in the app. (Electron loads the
 * bundled core-worker.cjs; the tests load its TypeScript source through tsx, the same code.)
 */
export async function startDesktopCore({ configFile, newConfigDefaults }: TerminalFolder): Promise<WorkerTerminal> {
  return WorkerTerminal.start({ configFile, newConfigDefaults, ...TEST_WORKER, log: () => undefined });
}

/**
 * The desktop app's IPC path as Electron runs it, emulated in Chromium: the built preload
 * evaluated with a `require` that allows only what Electron's sandbox allows, its ipcRenderer
 * forwarding to the real main-process handlers (electron/shell/ipc-wiring.ts) in the test
 * process, which call `api` — the desktop app's is a WorkerTerminal's (`startDesktopCore`).
 * `appUrl` is where the page loads the built renderer from (the app's entry, as the handlers
 * check). Returns the handlers' unregistration.
 */
export async function emulateElectronIpc(page: Page, api: AppApi, appUrl: string): Promise<() => void> {
  const { outputFiles } = await build({ ...preloadBundle, write: false, sourcemap: false, logLevel: 'silent' });
  const preload = outputFiles?.find((file) => file.path.endsWith('preload.cjs'))?.text;
  if (!preload) throw new Error('no preload bundle');

  // Main process side: the real handlers, with stand-ins for ipcMain and the window's webContents.
  const handlers = new Map<string, (event: { senderFrame: unknown }, input: unknown) => unknown>();
  const mainFrame = { url: appUrl };
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
  const unregister = registerAppApi(ipcMain as never, contents as never, api, appUrl);
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

  return unregister;
}

/** The page's globals this emulation adds (the preload's `window.kds` among them). */
export interface BrowserSide {
  __kdsInvoke?: (channel: string, input: unknown) => Promise<unknown>;
  __kdsDeliver?: (channel: string, payload: unknown) => void;
  kds?: unknown;
}
