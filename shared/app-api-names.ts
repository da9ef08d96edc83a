/**
 * The names of the app API's operations and pushed events, and their Electron IPC channels.
 * Kept free of any library so the sandboxed preload can bundle it (it may require only
 * `electron`); `app-api.ts` gives each name its schemas.
 */
export const API_REQUESTS = [
  'snapshot',
  'status',
  'execute',
  'deadLetters',
  'acknowledgeNotices',
  'replayOrders',
  'pairScreen',
  'rotateScreenAccess',
  'pairedScreens',
  'revokeScreen',
  'diagnosticsExport',
  'testConnection',
  'settings',
  'testSettings',
  'saveSettings',
  'speedOfService',
  'speedOfServiceCsv',
  'auditSearch',
  'auditTimeline',
  'kitchenLoad',
  'ticketsShown',
  'prepQuote',
  'guestBoard',
  'kitchenPeers',
  'peerPairingCode',
  'pairPeer',
  'unpairPeer',
] as const;
export const API_EVENTS = ['delta', 'status'] as const;

export type RequestName = (typeof API_REQUESTS)[number];
export type EventName = (typeof API_EVENTS)[number];

export const ipcRequestChannel = (name: RequestName): string => `kds:request:${name}`;
export const ipcEventChannel = (name: EventName): string => `kds:event:${name}`;

/** The preload's function for listening to an event: `onDelta`, `onStatus`. */
export type EventListenerKey<E extends EventName> = `on${Capitalize<E>}`;
export const eventListenerKey = <E extends EventName>(name: E): EventListenerKey<E> =>
  `on${name.charAt(0).toUpperCase()}${name.slice(1)}` as EventListenerKey<E>;

/**
 * What the preload exposes as `window.kds`: one function per operation and one subscription
 * per event, derived from the names above — never ipcRenderer, never a generic channel.
 * Payloads cross untyped; the renderer parses them with the contract's schemas.
 */
export type KdsBridge = { readonly [K in RequestName]: (input?: unknown) => Promise<unknown> } & {
  readonly [E in EventName as EventListenerKey<E>]: (listener: (payload: unknown) => void) => () => void;
};
