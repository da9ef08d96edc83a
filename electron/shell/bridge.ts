import type { IpcRenderer, IpcRendererEvent } from 'electron';
import { IPC_CHANNELS, type Command, type KdsBridge, type TicketDelta } from '../../shared/app-api';
import type { CoreStatus } from '../../shared/core-status';

/**
 * Builds `window.kds` from the contract's channels: task-specific functions only, never
 * ipcRenderer itself. Takes ipcRenderer as a parameter so tests can pass a fake.
 */
export function createBridge(ipc: Pick<IpcRenderer, 'invoke' | 'on' | 'removeListener'>): KdsBridge {
  function subscribe<T>(channel: string): (listener: (payload: T) => void) => () => void {
    return (listener) => {
      const wrapped = (_event: IpcRendererEvent, payload: unknown): void => listener(payload as T);
      ipc.on(channel, wrapped);
      return () => ipc.removeListener(channel, wrapped);
    };
  }
  return Object.freeze({
    snapshot: () => ipc.invoke(IPC_CHANNELS.invoke.snapshot),
    execute: (command: Command) => ipc.invoke(IPC_CHANNELS.invoke.execute, command),
    onDelta: subscribe<TicketDelta>(IPC_CHANNELS.events.delta),
    onStatus: subscribe<CoreStatus>(IPC_CHANNELS.events.status),
  });
}
