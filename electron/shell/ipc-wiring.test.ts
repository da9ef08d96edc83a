import { describe, expect, it } from 'vitest';
import { API_EVENTS, API_REQUESTS, eventListenerKey, ipcRequestChannel, type AppApi, type EventName } from '../../shared/app-api';
import { createBridge } from './bridge';
import { registerAppApi } from './ipc-wiring';

// The IPC wiring and the preload bridge driven with injected fakes of the few Electron APIs
// they touch (Electron cannot be launched on the CI machines); the app service is a stub.
const entry = 'file:///opt/kds/resources/app.asar/dist/renderer/index.html';

function fakeElectron() {
  const handlers = new Map<string, (event: unknown, arg: unknown) => unknown>();
  const rendererListeners = new Map<string, Set<(event: unknown, payload: unknown) => void>>();
  const mainFrame = { url: entry };
  const contents = {
    mainFrame,
    sent: [] as [string, unknown][],
    isDestroyed: () => false,
    send(channel: string, payload: unknown) {
      this.sent.push([channel, payload]);
      for (const listener of rendererListeners.get(channel) ?? []) listener({}, payload);
    },
  };
  const ipcMain = {
    handle: (channel: string, handler: (event: unknown, arg: unknown) => unknown) => handlers.set(channel, handler),
    removeHandler: (channel: string) => handlers.delete(channel),
  };
  const ipcRenderer = {
    invoke: async (channel: string, arg?: unknown) => handlers.get(channel)?.({ senderFrame: mainFrame }, arg),
    on: (channel: string, listener: (event: unknown, payload: unknown) => void) => {
      rendererListeners.set(channel, (rendererListeners.get(channel) ?? new Set()).add(listener));
    },
    removeListener: (channel: string, listener: (event: unknown, payload: unknown) => void) =>
      rendererListeners.get(channel)?.delete(listener),
  };
  return { handlers, contents, ipcMain, ipcRenderer, mainFrame };
}

function stubApp() {
  const deltaListeners = new Set<(delta: unknown) => void>();
  const executed: unknown[] = [];
  const app = {
    snapshot: () => ({ ok: true, value: { seq: 3 } }),
    status: () => ({ ok: true, value: {} }),
    execute: (command: unknown) => {
      executed.push(command);
      return { ok: true, value: { orderId: 'o1', eventIds: [] } };
    },
    on: (event: EventName, listener: (payload: unknown) => void) => {
      if (event !== 'delta') return () => undefined;
      deltaListeners.add(listener);
      return () => deltaListeners.delete(listener);
    },
  };
  return { app: app as unknown as AppApi, executed, emit: (delta: unknown) => deltaListeners.forEach((l) => l(delta)) };
}

describe('Electron IPC wiring and preload bridge (fake Electron APIs)', () => {
  it('registers exactly the contract channels and the bridge reaches them end to end', async () => {
    const electron = fakeElectron();
    const { app, executed, emit } = stubApp();
    registerAppApi(electron.ipcMain as never, electron.contents as never, app, entry);
    expect([...electron.handlers.keys()].sort()).toEqual(API_REQUESTS.map(ipcRequestChannel).sort());

    const bridge = createBridge(electron.ipcRenderer as never);
    // One function per operation and one subscription per event of the table, nothing else.
    expect(Object.keys(bridge).sort()).toEqual([...API_REQUESTS, ...API_EVENTS.map(eventListenerKey)].sort());
    expect(Object.keys(bridge)).toContain('onDelta');
    expect(await bridge.snapshot()).toMatchObject({ ok: true, value: { seq: 3 } });
    expect(await bridge.execute({ type: 'BUMP', orderId: 'o1' })).toEqual({ ok: true, value: { orderId: 'o1', eventIds: [] } });
    expect(executed).toEqual([{ type: 'BUMP', orderId: 'o1' }]);
    // The core validates every input with the table's schema before any handler runs.
    expect(await bridge.execute({ type: 'BUMP' })).toMatchObject({ ok: false, error: expect.stringContaining('orderId') });
    expect(executed).toHaveLength(1);

    const received: { seq: number }[] = [];
    const off = bridge.onDelta((delta) => received.push(delta as { seq: number }));
    emit({ seq: 4, upserts: [], removes: ['o1'] });
    off();
    emit({ seq: 5, upserts: [], removes: [] });
    expect(received.map((d) => d.seq)).toEqual([4]);
  });

  it("refuses calls from any frame but the app's own top frame", () => {
    const electron = fakeElectron();
    registerAppApi(electron.ipcMain as never, electron.contents as never, stubApp().app, entry);
    const execute = electron.handlers.get(ipcRequestChannel('execute'));
    expect(() => execute?.({ senderFrame: { url: entry } }, { type: 'RECALL_LAST' })).toThrow(/refused/);
    expect(() => execute?.({ senderFrame: null }, { type: 'RECALL_LAST' })).toThrow(/refused/);
    electron.mainFrame.url = 'https://evil.example/';
    expect(() => execute?.({ senderFrame: electron.mainFrame }, { type: 'RECALL_LAST' })).toThrow(/refused/);
  });

  it('unregistering removes every handler', () => {
    const electron = fakeElectron();
    const unregister = registerAppApi(electron.ipcMain as never, electron.contents as never, stubApp().app, entry);
    unregister();
    expect(electron.handlers.size).toBe(0);
  });
});
