import { z } from 'zod';
import { API_EVENTS, API_REQUESTS, type EventName, type RequestName } from './app-api-names';
import { coreStatusSchema } from './core-status';
import { describeZodError } from './order-events';
import { auditMatchSchema, auditTimelineSchema, dayInputSchema, speedOfServiceSchema } from './reports';
import { saveOutcomeSchema, settingsViewSchema, terminalSettingsSchema } from './settings';
import { MAX_PREP_MINUTES, prepQuoteSchema } from './prep-quote';
import { guestBoardSchema } from './guest-board';
import { kitchenPeersSchema, kitchenPeerViewSchema, peerPairingCodeSchema, peerPairingSchema } from './peer-protocol';
import { ticketSchema } from './ticket';

export * from './app-api-names';

/**
 * The app API between the core and a screen: one table of operations (input and output
 * schemas) and pushed events (payload schemas). Every transport — Electron IPC, the web host's
 * WebSocket and HTTP, a worker boundary — is a small adapter derived from it; the core
 * validates inputs and the renderer parses outputs with these schemas.
 */
const orderId = z.string().min(1).max(128);
const lineId = z.string().min(1).max(64);
const prepMinutes = z.number().int().min(1).max(MAX_PREP_MINUTES);

export const commandSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('START'), orderId }),
  z.object({ type: z.literal('BUMP'), orderId }),
  z.object({ type: z.literal('RECALL_LAST') }),
  z.object({ type: z.literal('ITEM_DONE'), orderId, lineId }),
  z.object({ type: z.literal('ITEM_UNDONE'), orderId, lineId }),
  z.object({ type: z.literal('ACK_VOID'), orderId }),
  /** Course pacing: fire a held course now. */
  z.object({ type: z.literal('FIRE_COURSE'), orderId, course: z.number().int().min(1).max(99) }),
  /** The kitchen's answers to the platform (orders with an acceptBy): the first answer of the kitchen wins on every screen. */
  z.object({ type: z.literal('ACCEPT_ORDER'), orderId, prepMinutes }),
  z.object({
    type: z.literal('REJECT_ORDER'),
    orderId,
    reason: z.string().trim().min(1).max(200),
    /** The order's lines the kitchen is out of (each also 86'd for the rest of the day). */
    outOfStockLineIds: z.array(lineId).max(200).default([]),
  }),
  /** Expo tells the platform the order will take this long from now (behind the quote, or faster). */
  z.object({ type: z.literal('UPDATE_PREP_TIME'), orderId, prepMinutes }),
  /** 86 an item (or bring it back): every screen of the kitchen strikes it; `forMinutes` absent: until brought back. */
  z.object({
    type: z.literal('SET_ITEM_AVAILABILITY'),
    item: z.string().trim().min(1).max(200),
    available: z.boolean(),
    forMinutes: z
      .number()
      .int()
      .min(1)
      .max(24 * 60)
      .optional(),
    /** Until the end of the terminal's day (its clock and time zone, as a rejection's out-of-stock lines). */
    restOfDay: z.literal(true).optional(),
  }),
  /** Pause the kitchen on the platform for a while (PIN when the terminal asks for one). */
  z.object({
    type: z.literal('PAUSE_KITCHEN'),
    minutes: z.number().int().min(1).max(MAX_PREP_MINUTES),
    pin: z.string().max(16).optional(),
  }),
  z.object({ type: z.literal('RESUME_KITCHEN'), pin: z.string().max(16).optional() }),
]);
export type Command = z.infer<typeof commandSchema>;

/** Per-terminal display settings, from the terminal's configuration. */
export const screenSettingsSchema = z.object({
  warnMinutes: z.number(),
  lateMinutes: z.number(),
  terminalId: z.string(),
  /** The terminal's stations; empty for an expo screen that sees every station. */
  stations: z.array(z.string()),
  /** Chime on a new ticket. */
  sound: z.boolean(),
  /** Pausing the kitchen asks for the PIN. */
  pausePin: z.boolean(),
});
export type ScreenSettings = z.infer<typeof screenSettingsSchema>;

export const ticketDeltaSchema = z.object({
  seq: z.number().int().nonnegative(),
  upserts: z.array(ticketSchema),
  removes: z.array(z.string()),
});
export type TicketDelta = z.infer<typeof ticketDeltaSchema>;

export const ticketSnapshotSchema = z.object({
  seq: z.number().int().nonnegative(),
  tickets: z.array(ticketSchema),
  status: coreStatusSchema,
  screen: screenSettingsSchema,
});
export type TicketSnapshot = z.infer<typeof ticketSnapshotSchema>;

export const actionOutcomeSchema = z.object({
  orderId: z.string().nullable(),
  /** The kitchen events the action produced, in publishing order (none when nothing changed). */
  eventIds: z.array(z.string()),
});
export type ActionOutcome = z.infer<typeof actionOutcomeSchema>;

/** A record or piece of work that could not be applied, as diagnostics show it (never its raw bytes). */
export const deadLetterViewSchema = z.object({
  id: z.number().int(),
  reason: z.string(),
  detail: z.string(),
  topic: z.string().nullable(),
  partition: z.number().int().nullable(),
  offset: z.string().nullable(),
  orderId: z.string().nullable(),
  eventId: z.string().nullable(),
  rawSize: z.number().int().nullable(),
  createdAt: z.string(),
});
export type DeadLetterView = z.infer<typeof deadLetterViewSchema>;

const noInput = z.undefined();

/** A pairing code for a second screen, with the link a QR code carries and the TLS fingerprint to compare. */
export const pairingSchema = z.object({
  code: z.string().regex(/^\d{8}$/),
  expiresAt: z.string(),
  /** The screen's address with the code in its fragment; null when this terminal serves no screens over the web. */
  url: z.string().nullable(),
  /** SHA-256 fingerprint of the web host's certificate, when it serves HTTPS. */
  certificateFingerprint: z.string().nullable(),
});
export type Pairing = z.infer<typeof pairingSchema>;

/**
 * What a paired screen may do: `kitchen`, everything a kitchen screen does; `board`, read the guest
 * board and nothing else (no tickets, no commands) — a screen in the dining room or at the pickup shelf.
 */
export const screenScopeSchema = z.enum(['kitchen', 'board']);
export type ScreenScope = z.infer<typeof screenScopeSchema>;

/** A screen's own access: a random id, which its cookie carries with a MAC made with the terminal's secret. */
export const screenIdSchema = z.string().regex(/^[\w-]{22}$/);

/** A screen paired with this terminal, as diagnostics list it (and as the terminal keeps it in its data folder). */
export const pairedScreenSchema = z.object({
  id: screenIdSchema,
  /** What the screen's browser said it is and where it paired from ("Chrome on Android, 192.168.1.23"): to tell screens apart. */
  label: z.string().max(200),
  pairedAt: z.iso.datetime(),
  /** When it last opened a connection or loaded the page; null when never since pairing. */
  lastConnectedAt: z.iso.datetime().nullable(),
  /**
   * The paired screen that showed the code it paired with; null when the code came from the
   * terminal itself or its owner's tools (and for screens paired before this was kept).
   * Unpairing a screen unpairs every screen it paired, and theirs in turn.
   */
  pairedBy: screenIdSchema.nullable().default(null),
  /** Screens paired before scopes existed are kitchen screens. */
  scope: screenScopeSchema.default('kitchen'),
  /** In lists only (never stored): until when its PIN actions are suspended after too many wrong PINs from it. */
  pinSuspendedUntil: z.iso.datetime().optional(),
});
export type PairedScreen = z.infer<typeof pairedScreenSchema>;

/** What "Test connection" found: the cluster that answered and this terminal's topics (partitions, or null when missing). */
export const connectionTestSchema = z.object({
  clusterId: z.string(),
  brokers: z.number().int(),
  roundTripMs: z.number(),
  expectedClusterId: z.string().nullable(),
  topics: z.array(z.object({ name: z.string(), partitions: z.number().int().nullable() })),
});
export type ConnectionTest = z.infer<typeof connectionTestSchema>;

export const appApi = {
  requests: {
    snapshot: { input: noInput, output: ticketSnapshotSchema },
    status: { input: noInput, output: coreStatusSchema },
    execute: { input: commandSchema, output: actionOutcomeSchema },
    /** The newest 50 dead letters, for IT staff on the diagnostics screen. */
    deadLetters: { input: noInput, output: z.array(deadLetterViewSchema) },
    /** Staff have read the log notices up to this one (a recreated topic, records lost to retention). */
    acknowledgeNotices: {
      input: z.object({ uptoId: z.number().int().nonnegative() }),
      output: z.object({ acknowledged: z.number().int() }),
    },
    /**
     * Support: re-read the orders topic from a time and re-apply it. Idempotent (events are
     * deduplicated, cooks' actions kept): it restores orders a damaged terminal lost.
     */
    replayOrders: {
      input: z.object({ since: z.iso.datetime({ offset: true }), pin: z.string().max(16) }),
      output: z.object({ since: z.string() }),
    },
    /**
     * A single-use code (10 minutes) with which one more screen gets access to this terminal's web
     * host: a kitchen screen, or (`scope: 'board'`) a read-only guest board.
     */
    pairScreen: { input: z.object({ scope: screenScopeSchema.optional() }).strict(), output: pairingSchema },
    /**
     * Support: a new secret for the terminal; every paired screen is disconnected and must pair again. The
     * answer carries a fresh code, with which the screen that asked pairs itself again.
     */
    rotateScreenAccess: { input: z.object({ pin: z.string().max(16) }), output: pairingSchema },
    /** Support: the screens paired with this terminal, each with its own access (PIN). */
    pairedScreens: { input: z.object({ pin: z.string().max(16) }).strict(), output: z.array(pairedScreenSchema) },
    /**
     * Support: unpairs one screen (a lost tablet) with the PIN, and every screen it paired (in
     * turn): their cookies are refused and their connections closed at once, the other screens
     * keep working. Answers the screens left.
     */
    revokeScreen: {
      input: z.object({ id: screenIdSchema, pin: z.string().max(16) }).strict(),
      output: z.array(pairedScreenSchema),
    },
    /** Reaches the cluster with this terminal's configuration now, and says what answered (or why nothing did). */
    testConnection: { input: z.object({}).strict(), output: connectionTestSchema },
    /**
     * The terminal's settings for the setup and settings screens (no secrets). Once set up, the
     * support PIN is needed: without it the answer is only `locked`.
     */
    settings: { input: z.object({ pin: z.string().max(16).optional() }).strict(), output: settingsViewSchema },
    /** "Test connection" with settings not yet saved (the stored password when none is typed). */
    testSettings: {
      input: z.object({ settings: terminalSettingsSchema, pin: z.string().max(16).optional() }).strict(),
      output: connectionTestSchema,
    },
    /** Writes the settings (a typed password sealed) and restarts the terminal's core with them. */
    saveSettings: {
      input: z.object({ settings: terminalSettingsSchema, pin: z.string().max(16).optional() }).strict(),
      output: saveOutcomeSchema,
    },
    /**
     * What support asks for, in one file: the configuration without its secrets, the status, the
     * failed records and the terminal's recent log lines.
     */
    diagnosticsExport: {
      input: z.object({}).strict(),
      output: z.object({
        exportedAt: z.string(),
        version: z.string(),
        config: z.unknown(),
        status: coreStatusSchema,
        deadLetters: z.array(deadLetterViewSchema),
        log: z.array(z.string()),
      }),
    },
    /** Speed of service for a day, from the terminal's own log (reports screen). */
    speedOfService: { input: dayInputSchema, output: speedOfServiceSchema },
    /** Every ticket of a day with its times, as CSV for a spreadsheet. */
    speedOfServiceCsv: { input: dayInputSchema, output: z.object({ fileName: z.string(), csv: z.string(), rows: z.number().int() }) },
    /** Orders with a display number (they repeat day to day), or the order with an id, newest first. */
    auditSearch: { input: z.object({ query: z.string().trim().min(1).max(128) }).strict(), output: z.array(auditMatchSchema) },
    /** An order's timeline: received (partition, offset), shown, and every cook's action from any terminal, in order. */
    auditTimeline: { input: z.object({ orderId }).strict(), output: auditTimelineSchema },
    /**
     * The kitchen's load now, per station, over every open ticket of the merchant fired to the
     * kitchen (not only this screen's stations): the first input of a prep-time quote.
     */
    /**
     * The screen rendered these tickets (painted, not only received): the first render of an
     * order by any screen of the kitchen becomes its TICKET_SHOWN signal, once per order and station.
     */
    ticketsShown: {
      input: z.object({ orderIds: z.array(orderId).max(500) }).strict(),
      output: z.object({ claimed: z.number().int().nonnegative() }),
    },
    /** The guest order-ready board: display numbers preparing and ready, nothing else. */
    guestBoard: { input: noInput, output: guestBoardSchema },
    /** The kitchen peers this terminal exchanges cook actions with over the LAN (diagnostics). */
    kitchenPeers: { input: noInput, output: kitchenPeersSchema },
    /** Support: a code (10 minutes, 8 digits) another terminal of this kitchen pairs with, both ways. */
    peerPairingCode: { input: z.object({ pin: z.string().max(16) }).strict(), output: peerPairingSchema },
    /** Support: pairs with the terminal at `url` by the code it shows; answers that peer. */
    pairPeer: {
      input: z.object({ url: z.url({ protocol: /^https?$/ }).max(300), code: peerPairingCodeSchema, pin: z.string().max(16) }).strict(),
      output: kitchenPeerViewSchema,
    },
    /** Support: forgets a peer (a stolen or replaced terminal): its token is refused at once. Answers the peers left. */
    unpairPeer: {
      input: z.object({ terminalId: z.string().min(1).max(128), pin: z.string().max(16) }).strict(),
      output: kitchenPeersSchema,
    },
    /** A prep-time quote for an order from the kitchen's load now, with its inputs (expo, before accepting). */
    prepQuote: { input: z.object({ orderId }).strict(), output: prepQuoteSchema },
    kitchenLoad: {
      input: noInput,
      output: z.object({
        at: z.string(),
        stations: z.array(
          z.object({
            station: z.string(),
            /** Tickets with this station's part still on screen (not bumped, or back after the bump). */
            openTickets: z.number().int().nonnegative(),
            /** Their lines not struck (a line of two burgers is one item, cooked together, as item timing counts it). */
            openItems: z.number().int().nonnegative(),
            /** The open items' cook times added up (the event's prepSeconds, else the terminal's cook-time table), in seconds. */
            remainingCookSeconds: z.number().int().nonnegative(),
            /** Open items with no known cook time (counted as 0 s above). */
            itemsWithoutCookTime: z.number().int().nonnegative(),
          }),
        ),
      }),
    },
  },
  events: {
    delta: ticketDeltaSchema,
    status: coreStatusSchema,
  },
} as const satisfies {
  requests: Record<RequestName, { input: z.ZodType; output: z.ZodType }>;
  events: Record<EventName, z.ZodType>;
};

export type RequestInput<K extends RequestName> = z.input<(typeof appApi.requests)[K]['input']>;
export type RequestOutput<K extends RequestName> = z.output<(typeof appApi.requests)[K]['output']>;
export type EventPayload<E extends EventName> = z.output<(typeof appApi.events)[E]>;

/** Every answer of the API, on every transport. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: string };

/** The core's side: one handler per operation, given validated input. */
export type AppApiHandlers = {
  [K in RequestName]: (
    input: z.output<(typeof appApi.requests)[K]['input']>,
  ) => Result<RequestOutput<K>> | Promise<Result<RequestOutput<K>>>;
};

/** The core's pushed events. */
export interface AppApiEvents {
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}

export type AppApi = AppApiHandlers & AppApiEvents;

export function isRequestName(name: unknown): name is RequestName {
  return typeof name === 'string' && (API_REQUESTS as readonly string[]).includes(name);
}

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && (API_EVENTS as readonly string[]).includes(name);
}

/** Validates an operation's input for the core; the error names the field. */
export function parseRequestInput<K extends RequestName>(name: K, input: unknown): Result<z.output<(typeof appApi.requests)[K]['input']>> {
  const parsed = appApi.requests[name].input.safeParse(input);
  if (parsed.success) return { ok: true, value: parsed.data as z.output<(typeof appApi.requests)[K]['input']> };
  return { ok: false, error: `invalid ${name === 'execute' ? 'command' : `input for ${name}`}: ${describeZodError(parsed.error)}` };
}

const resultSchemas = new Map<RequestName, z.ZodType>();

/** Parses an answer received by a screen: a malformed answer becomes an error result, never a crash. */
export function parseResponse<K extends RequestName>(name: K, raw: unknown): Result<RequestOutput<K>> {
  let schema = resultSchemas.get(name);
  if (!schema) {
    schema = z.discriminatedUnion('ok', [
      z.object({ ok: z.literal(true), value: appApi.requests[name].output }),
      z.object({ ok: z.literal(false), error: z.string() }),
    ]);
    resultSchemas.set(name, schema);
  }
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data as Result<RequestOutput<K>>;
  return { ok: false, error: `the core's answer to ${name} does not match the app API: ${describeZodError(parsed.error)}` };
}

/** Parses a pushed event received by a screen. */
export function parseEvent<E extends EventName>(name: E, raw: unknown): Result<EventPayload<E>> {
  const parsed = appApi.events[name].safeParse(raw);
  if (parsed.success) return { ok: true, value: parsed.data as EventPayload<E> };
  return { ok: false, error: `the core's ${name} event does not match the app API: ${describeZodError(parsed.error)}` };
}

/** Messages over the web host's WebSocket, derived from the table: requests, their answers, and events. */
export const clientMessageSchema = z.object({
  kind: z.literal('request'),
  id: z.number().int().nonnegative(),
  name: z.string().max(64),
  input: z.unknown().optional(),
});
export type ClientMessage = { kind: 'request'; id: number; name: RequestName; input?: unknown };

export type ServerMessage =
  | { kind: 'response'; id: number; result: Result<unknown> }
  | { kind: 'event'; name: EventName; payload: unknown }
  /** On a guest board's socket (`/ws/board`), the only thing ever sent: the board, when it changed. */
  | { kind: 'board'; payload: unknown };
