import { eventListenerKey, type EventName, type KdsBridge, type RequestName } from '../../shared/app-api';
import type { Link } from './link';

declare global {
  interface Window {
    /** Present when the screen runs inside the Electron shell (exposed by its preload). */
    kds?: KdsBridge;
  }
}

/** The link inside Electron: the preload's bridge, one function per operation of the app API. */
export class IpcLink implements Link {
  constructor(private readonly bridge: KdsBridge) {}

  start(): void {}

  request(name: RequestName, input?: unknown): Promise<unknown> {
    return this.bridge[name](input);
  }

  on(event: EventName, listener: (payload: unknown) => void): () => void {
    return this.bridge[eventListenerKey(event)](listener);
  }

  /** IPC to the main process is there for the window's whole life. */
  onConnection(listener: (connected: boolean) => void): () => void {
    queueMicrotask(() => listener(true));
    return () => undefined;
  }
}
