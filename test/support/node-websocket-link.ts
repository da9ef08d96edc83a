import WebSocket from 'ws';
import type { ClientMessage, EventName, RequestName, ServerMessage } from '../../shared/app-api';
import type { Link } from '../../renderer/src/link';

/** The renderer's Link over the `ws` package, so Node tests drive the screen's own sync code against a real web host. */
export class NodeWebSocketLink implements Link {
  private socket: WebSocket | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, (raw: unknown) => void>();
  private readonly listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  private readonly connection = new Set<(connected: boolean) => void>();
  /** Every event received, with the time it arrived (for rate measurements). */
  readonly received: { name: EventName; at: number }[] = [];
  /** Every request sent, by name. */
  readonly requests: RequestName[] = [];

  constructor(
    private readonly url: string,
    private readonly headers: Record<string, string> = {},
  ) {}

  start(): void {
    const socket = new WebSocket(this.url, { headers: this.headers });
    this.socket = socket;
    socket.on('open', () => this.connection.forEach((listener) => listener(true)));
    socket.on('close', () => this.connection.forEach((listener) => listener(false)));
    socket.on('message', (data) => {
      const message = JSON.parse(String(data)) as ServerMessage;
      if (message.kind === 'response') {
        this.pending.get(message.id)?.(message.result);
        this.pending.delete(message.id);
      } else if (message.kind === 'event') {
        this.received.push({ name: message.name, at: Date.now() });
        this.listeners.get(message.name)?.forEach((listener) => listener(message.payload));
      }
    });
  }

  request(name: RequestName, input?: unknown): Promise<unknown> {
    const id = this.nextId++;
    this.requests.push(name);
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      const message: ClientMessage = { kind: 'request', id, name, input };
      this.socket?.send(JSON.stringify(message));
    });
  }

  on(event: EventName, listener: (payload: unknown) => void): () => void {
    const set = this.listeners.get(event) ?? new Set();
    this.listeners.set(event, set.add(listener));
    return () => set.delete(listener);
  }

  onConnection(listener: (connected: boolean) => void): () => void {
    this.connection.add(listener);
    return () => this.connection.delete(listener);
  }

  close(): void {
    this.socket?.close();
  }
}
