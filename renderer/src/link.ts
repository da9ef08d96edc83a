import type { EventName, RequestName } from '../../shared/app-api';

/**
 * The screen's one way to the core, whatever carries it (Electron IPC or the web host's
 * WebSocket). Raw on purpose: `CoreClient` parses everything a link delivers.
 */
export interface Link {
  start(): void;
  request(name: RequestName, input?: unknown): Promise<unknown>;
  on(event: EventName, listener: (payload: unknown) => void): () => void;
  /** True on every (re)connection, false when the link is lost. */
  onConnection(listener: (connected: boolean) => void): () => void;
  /** Closes the link for good (a screen that must pair again, or that is replaced). */
  stop?(): void;
}
