import type { ClientMessage, Command, Result, ServerMessage } from '../../shared/app-api';
import { useTickets } from './ticket-store';

/**
 * The screen's link to the core over the web host's WebSocket: applies snapshots and ordered
 * deltas, asks for a snapshot on a gap, and reconnects forever (a kitchen screen never needs a refresh).
 */
export class CoreConnection {
  private socket: WebSocket | undefined;
  private nextRequest = 1;
  private readonly pending = new Map<number, (result: Result<unknown>) => void>();

  constructor(private readonly url: string) {}

  start(): void {
    const socket = new WebSocket(this.url);
    this.socket = socket;
    socket.onopen = () => useTickets.getState().setConnected(true);
    socket.onclose = () => {
      useTickets.getState().setConnected(false);
      for (const resolve of this.pending.values()) resolve({ ok: false, error: 'connection lost' });
      this.pending.clear();
      setTimeout(() => this.start(), 1000);
    };
    socket.onmessage = (event) => this.receive(JSON.parse(String(event.data)) as ServerMessage);
  }

  send(command: Command): Promise<Result<unknown>> {
    const requestId = this.nextRequest++;
    return new Promise((resolve) => {
      if (!this.socket || this.socket.readyState !== WebSocket.OPEN) return resolve({ ok: false, error: 'not connected' });
      this.pending.set(requestId, resolve);
      this.post({ kind: 'command', requestId, command });
    });
  }

  private post(message: ClientMessage): void {
    this.socket?.send(JSON.stringify(message));
  }

  private receive(message: ServerMessage): void {
    const store = useTickets.getState();
    switch (message.kind) {
      case 'snapshot':
        store.applySnapshot(message);
        break;
      case 'delta':
        if (!store.applyDelta(message)) this.post({ kind: 'resync' });
        break;
      case 'status':
        store.setStatus(message.status);
        break;
      case 'result':
        this.pending.get(message.requestId)?.(message.result);
        this.pending.delete(message.requestId);
        break;
    }
  }
}

export function webSocketUrl(location: Location): string {
  const token = new URLSearchParams(location.search).get('token');
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws${token ? `?token=${encodeURIComponent(token)}` : ''}`;
}
