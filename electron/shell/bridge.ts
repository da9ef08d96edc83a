import type { IpcRenderer, IpcRendererEvent } from 'electron';
import { API_EVENTS, API_REQUESTS, eventListenerKey, ipcEventChannel, ipcRequestChannel, type KdsBridge } from '../../shared/app-api-names';

/**
 * Builds `window.kds` from the app API's names: one function per operation and one
 * subscription per event, never ipcRenderer itself. Payloads are passed through untouched (the
 * renderer parses them). Imports no library, so the bundled preload needs only `electron`.
 * Takes ipcRenderer as a parameter so tests can pass a fake.
 */
export function createBridge(ipc: Pick<IpcRenderer, 'invoke' | 'on' | 'removeListener'>): KdsBridge {
  const bridge: Record<string, unknown> = {};
  for (const name of API_REQUESTS) {
    const channel = ipcRequestChannel(name);
    bridge[name] = (input?: unknown): Promise<unknown> => ipc.invoke(channel, input);
  }
  for (const name of API_EVENTS) {
    const channel = ipcEventChannel(name);
    bridge[eventListenerKey(name)] = (listener: (payload: unknown) => void): (() => void) => {
      const wrapped = (_event: IpcRendererEvent, payload: unknown): void => listener(payload);
      ipc.on(channel, wrapped);
      return () => ipc.removeListener(channel, wrapped);
    };
  }
  return Object.freeze(bridge) as KdsBridge;
}
