import { z } from 'zod';
import type { CoreStatus } from './core-status';
import type { Ticket } from './ticket';

/**
 * The app API between the core and a screen, for both transports (Electron IPC and the web
 * host's WebSocket). Commands are validated in the core with these schemas.
 */
const orderId = z.string().min(1).max(128);
const lineId = z.string().min(1).max(64);

export const commandSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('START'), orderId }),
  z.object({ type: z.literal('BUMP'), orderId }),
  z.object({ type: z.literal('RECALL_LAST') }),
  z.object({ type: z.literal('ITEM_DONE'), orderId, lineId }),
  z.object({ type: z.literal('ITEM_UNDONE'), orderId, lineId }),
  z.object({ type: z.literal('ACK_VOID'), orderId }),
]);
export type Command = z.infer<typeof commandSchema>;

export type Result<T> = { ok: true; value: T } | { ok: false; error: string };

export interface TicketDelta {
  seq: number;
  upserts: Ticket[];
  removes: string[];
}

/** Per-terminal display settings, from the terminal's configuration. */
export interface ScreenSettings {
  warnMinutes: number;
  lateMinutes: number;
  terminalId: string;
  /** The terminal's stations; empty for an expo screen that sees every station. */
  stations: string[];
}

export interface TicketSnapshot {
  seq: number;
  tickets: Ticket[];
  status: CoreStatus;
  screen: ScreenSettings;
}

/** Messages a screen sends over the web host's WebSocket. */
export const clientMessageSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('command'), requestId: z.number().int().nonnegative(), command: z.unknown() }),
  z.object({ kind: z.literal('resync') }),
]);
export type ClientMessage = z.infer<typeof clientMessageSchema>;

/** Messages the core pushes to a screen. */
export type ServerMessage =
  | ({ kind: 'snapshot' } & TicketSnapshot)
  | ({ kind: 'delta' } & TicketDelta)
  | { kind: 'status'; status: CoreStatus }
  | { kind: 'result'; requestId: number; result: Result<unknown> };

/**
 * Electron IPC channels of the app API, defined once: main registers a handler per invoke
 * channel and the preload exposes exactly these, nothing else (no generic pipe).
 */
export const IPC_CHANNELS = {
  invoke: { snapshot: 'kds:snapshot', execute: 'kds:execute' },
  events: { delta: 'kds:delta', status: 'kds:status' },
} as const;

/** What the preload exposes as `window.kds`. */
export interface KdsBridge {
  snapshot: () => Promise<TicketSnapshot>;
  execute: (command: Command) => Promise<Result<unknown>>;
  onDelta: (listener: (delta: TicketDelta) => void) => () => void;
  onStatus: (listener: (status: CoreStatus) => void) => () => void;
}
