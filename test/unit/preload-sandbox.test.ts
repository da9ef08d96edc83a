import { build } from 'esbuild';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { preloadBundle } from '../../scripts/electron-bundles';
import { API_EVENTS, API_REQUESTS, eventListenerKey, ipcRequestChannel } from '../../shared/app-api-names';

/**
 * What Electron's sandbox gives a preload (Electron's "Process Sandboxing"): a `require` for
 * `electron` (renderer modules) and the built-ins events, timers and url, nothing else.
 */
const SANDBOX_MODULES = new Set(['events', 'timers', 'url', 'node:events', 'node:timers', 'node:url']);

function runSandboxed(code: string) {
  const exposed: Record<string, unknown> = {};
  const invoked: [string, unknown][] = [];
  const electron = {
    contextBridge: { exposeInMainWorld: (key: string, api: unknown) => (exposed[key] = api) },
    ipcRenderer: {
      invoke: async (channel: string, input: unknown) => invoked.push([channel, input]),
      on: () => undefined,
      removeListener: () => undefined,
    },
  };
  const sandboxRequire = (name: string): unknown => {
    if (name === 'electron') return electron;
    if (SANDBOX_MODULES.has(name)) return {};
    throw new Error(`Electron's sandbox cannot load module "${name}"`);
  };
  const module = { exports: {} };
  runInNewContext(code, { require: sandboxRequire, module, exports: module.exports, console });
  return { exposed, invoked };
}

async function builtPreload(): Promise<string> {
  const result = await build({ ...preloadBundle, write: false, sourcemap: false, logLevel: 'silent' });
  const file = result.outputFiles?.find((f) => f.path.endsWith('preload.cjs'));
  if (!file) throw new Error('no preload bundle');
  return file.text;
}

describe('the preload as Electron’s sandbox loads it', () => {
  it('requires nothing but what the sandbox allows, and exposes exactly the app API as window.kds', async () => {
    const { exposed, invoked } = runSandboxed(await builtPreload());
    const bridge = exposed.kds as Record<string, (input?: unknown) => Promise<unknown>>;
    expect(Object.keys(exposed)).toEqual(['kds']);
    expect(Object.keys(bridge).sort()).toEqual([...API_REQUESTS, ...API_EVENTS.map(eventListenerKey)].sort());
    await bridge.execute?.({ type: 'RECALL_LAST' });
    expect(invoked).toEqual([[ipcRequestChannel('execute'), { type: 'RECALL_LAST' }]]);
  });

  it('the sandbox stand-in refuses any other module, as Electron does', () => {
    expect(() => runSandboxed('require("zod")')).toThrow(/cannot load module "zod"/);
    expect(() => runSandboxed('require("fs")')).toThrow(/cannot load module "fs"/);
  });
});
