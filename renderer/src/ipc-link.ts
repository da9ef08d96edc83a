import type { Command, KdsBridge, Result } from '../../shared/app-api';
import { useTickets } from './ticket-store';

declare global {
  interface Window {
    /** Present when the screen runs inside the Electron shell (exposed by its preload). */
    kds?: KdsBridge;
  }
}

/** The screen's link to the core inside Electron: the preload's bridge, same contract as the WebSocket. */
export class IpcLink {
  constructor(private readonly bridge: KdsBridge) {}

  start(): void {
    const store = useTickets.getState();
    store.setConnected(true);
    const resync = (): void => void this.bridge.snapshot().then((snapshot) => useTickets.getState().applySnapshot(snapshot));
    this.bridge.onDelta((delta) => {
      if (!useTickets.getState().applyDelta(delta)) resync();
    });
    this.bridge.onStatus((status) => useTickets.getState().setStatus(status));
    resync();
  }

  send(command: Command): Promise<Result<unknown>> {
    return this.bridge.execute(command);
  }
}
