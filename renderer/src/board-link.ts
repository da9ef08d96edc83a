import { guestBoardSchema, type GuestBoard } from '../../shared/guest-board';

/** Close code the web host uses when the screen's access was revoked. */
const ACCESS_REVOKED = 4001;
const RECONNECT_MS = 1_000;

export interface BoardLinkOptions {
  onBoard: (board: GuestBoard) => void;
  onConnection: (connected: boolean) => void;
  /** Asked when a connection is refused or closed for access: false stops the link (the board must pair again). */
  stillPaired: () => Promise<boolean>;
  onUnpaired: () => void;
}

/** The guest board's socket (`/ws/board`): it only listens, reconnecting forever unless the terminal no longer knows it. */
export class BoardLink {
  private socket: WebSocket | undefined;
  private stopped = false;

  constructor(
    private readonly url: string,
    private readonly options: BoardLinkOptions,
  ) {}

  start(): void {
    if (this.stopped) return;
    const socket = new WebSocket(this.url);
    this.socket = socket;
    let opened = false;
    socket.onopen = () => {
      opened = true;
      this.options.onConnection(true);
    };
    socket.onclose = (event) => {
      if (opened) this.options.onConnection(false);
      if (this.stopped) return;
      if (!opened || event.code === ACCESS_REVOKED) {
        void this.options.stillPaired().then((paired) => {
          if (paired) setTimeout(() => this.start(), RECONNECT_MS);
          else {
            this.stop();
            this.options.onUnpaired();
          }
        });
      } else setTimeout(() => this.start(), RECONNECT_MS);
    };
    socket.onmessage = (event) => {
      let message: unknown;
      try {
        message = JSON.parse(String(event.data));
      } catch {
        return;
      }
      if (typeof message !== 'object' || message === null || (message as { kind?: unknown }).kind !== 'board') return;
      const parsed = guestBoardSchema.safeParse((message as { payload?: unknown }).payload);
      if (parsed.success) this.options.onBoard(parsed.data);
    };
  }

  stop(): void {
    this.stopped = true;
    this.socket?.close();
  }
}

export function boardSocketUrl(location: Location): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws/board`;
}
