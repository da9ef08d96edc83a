import type { ClientMessage, EventName, RequestName, ServerMessage } from '../../shared/app-api';
import type { Link } from './link';

/** Close code the web host uses when the terminal's screen access was rotated. */
const ACCESS_ROTATED = 4001;

export interface WebSocketLinkOptions {
  /** Asked when a connection is refused or closed for access: false stops the link (the screen must pair again). */
  stillPaired?: () => Promise<boolean>;
  onUnpaired?: () => void;
  /** A guest board's socket (`/ws/board`) is sent only the board: given here as it comes (the board's screen parses it). */
  onBoard?: (payload: unknown) => void;
}

/**
 * The link over the web host's WebSocket: reconnects forever (a kitchen screen never needs a
 * refresh) unless the terminal no longer knows this screen.
 */
export class WebSocketLink implements Link {
  private socket: WebSocket | undefined;
  private stopped = false;
  private nextId = 1;
  private readonly pending = new Map<number, (raw: unknown) => void>();
  private readonly eventListeners = new Map<EventName, Set<(payload: unknown) => void>>();
  private readonly connectionListeners = new Set<(connected: boolean) => void>();

  constructor(
    private readonly url: string,
    private readonly options: WebSocketLinkOptions = {},
  ) {}

  start(): void {
    if (this.stopped) return;
    const socket = new WebSocket(this.url);
    this.socket = socket;
    let opened = false;
    socket.onopen = () => {
      opened = true;
      this.connectionListeners.forEach((listener) => listener(true));
    };
    socket.onclose = (event) => {
      if (opened) this.connectionListeners.forEach((listener) => listener(false));
      for (const resolve of this.pending.values()) resolve({ ok: false, error: 'connection lost' });
      this.pending.clear();
      if (this.stopped) return;
      // A refused upgrade looks like any failed connection to a page: ask the host whether this screen is still paired.
      const { stillPaired, onUnpaired } = this.options;
      if ((!opened || event.code === ACCESS_ROTATED) && stillPaired) {
        void stillPaired().then((paired) => {
          if (paired) setTimeout(() => this.start(), 1000);
          else {
            this.stop();
            onUnpaired?.();
          }
        });
      } else setTimeout(() => this.start(), 1000);
    };
    socket.onmessage = (event) => this.receive(event.data);
  }

  stop(): void {
    this.stopped = true;
    this.socket?.close();
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
    } else if (message.kind === 'board') {
      this.options.onBoard?.(message.payload);
    }
  }
}

/** The host's WebSocket (the kitchen's, or `/ws/board` for a guest board); the screen's access travels in its HttpOnly cookie, never in the URL. */
export function webSocketUrl(location: Location, path: '/ws' | '/ws/board' = '/ws'): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${path}`;
}
