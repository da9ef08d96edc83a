import type { ClientMessage, EventName, RequestName, ServerMessage } from '../../shared/app-api';
import type { Link } from './link';

/** The link over the web host's WebSocket: reconnects forever (a kitchen screen never needs a refresh). */
export class WebSocketLink implements Link {
  private socket: WebSocket | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, (raw: unknown) => void>();
  private readonly eventListeners = new Map<EventName, Set<(payload: unknown) => void>>();
  private readonly connectionListeners = new Set<(connected: boolean) => void>();

  constructor(private readonly url: string) {}

  start(): void {
    const socket = new WebSocket(this.url);
    this.socket = socket;
    socket.onopen = () => this.connectionListeners.forEach((listener) => listener(true));
    socket.onclose = () => {
      this.connectionListeners.forEach((listener) => listener(false));
      for (const resolve of this.pending.values()) resolve({ ok: false, error: 'connection lost' });
      this.pending.clear();
      setTimeout(() => this.start(), 1000);
    };
    socket.onmessage = (event) => this.receive(event.data);
  }

  request(name: RequestName, input?: unknown): Promise<unknown> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      if (!this.socket || this.socket.readyState !== WebSocket.OPEN) return resolve({ ok: false, error: 'not connected' });
      this.pending.set(id, resolve);
      const message: ClientMessage = { kind: 'request', id, name, input };
      this.socket.send(JSON.stringify(message));
    });
  }

  on(event: EventName, listener: (payload: unknown) => void): () => void {
    const listeners = this.eventListeners.get(event) ?? new Set();
    this.eventListeners.set(event, listeners.add(listener));
    return () => listeners.delete(listener);
  }

  onConnection(listener: (connected: boolean) => void): () => void {
    this.connectionListeners.add(listener);
    return () => this.connectionListeners.delete(listener);
  }

  private receive(data: unknown): void {
    let message: ServerMessage;
    try {
      message = JSON.parse(String(data)) as ServerMessage;
    } catch {
      return;
    }
    if (message.kind === 'response') {
      this.pending.get(message.id)?.(message.result);
      this.pending.delete(message.id);
    } else if (message.kind === 'event') {
      this.eventListeners.get(message.name)?.forEach((listener) => listener(message.payload));
    }
  }
}

export function webSocketUrl(location: Location): string {
  const token = new URLSearchParams(location.search).get('token');
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws${token ? `?token=${encodeURIComponent(token)}` : ''}`;
}
