import { z } from 'zod';
import { idSchema } from './config';
import { COOK_ACTION_TYPES } from './kitchen-events';

/**
 * The peer link (docs/DESIGN.md §3, "Kitchen peers"): terminals of one kitchen pair once with a
 * code and then send each other, over the LAN, the cook actions they make — so the screens agree
 * while Kafka is unreachable. Kafka stays the record: a peer never republishes another's event.
 */
export const PEER_PATHS = { pair: '/peer/pair', events: '/peer/events', orders: '/peer/orders' } as const;

/** The most events one request carries, and its largest body: a kitchen's actions are small. */
export const MAX_PEER_BATCH = 100;
export const MAX_PEER_BODY_BYTES = 256 * 1024;

/**
 * What travels between peers: what the kitchen's screens show of cooks' work. Answers, claims and
 * 86/pause are decided in the topic's order (kitchen-signals.ts), so they wait for Kafka.
 */
export function travelsToPeers(type: string): boolean {
  return (COOK_ACTION_TYPES as readonly string[]).includes(type);
}

/** A peer token: 32 random bytes, base64url. */
const tokenSchema = z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'a peer token');

export const peerPairingCodeSchema = z.string().regex(/^\d{8}$/, '8 digits');

/**
 * Terminal B pairs with A by a code A shows: B sends the token A will use to call B, with proof
 * that it knows the code (peers/pairing-proof.ts: the code itself never travels), and its own
 * certificate when it serves HTTPS; A answers with the token B will use to call A. One code,
 * both directions; each pins the other's certificate.
 */
export const peerPairRequestSchema = z
  .object({
    proof: z.string().regex(/^[0-9a-f]{64}$/, 'a pairing proof'),
    merchantId: idSchema,
    terminalId: idSchema,
    url: z.url({ protocol: /^https?$/ }),
    token: tokenSchema,
    certificate: z.string().startsWith('-----BEGIN CERTIFICATE-----').max(8192).nullable(),
  })
  .strict();
export type PeerPairRequest = z.infer<typeof peerPairRequestSchema>;

export const peerPairAnswerSchema = z.object({ terminalId: idSchema, token: tokenSchema }).strict();
export type PeerPairAnswer = z.infer<typeof peerPairAnswerSchema>;

/** Each event is checked on its own (kitchenEventSchema): one bad event does not refuse its batch. */
export const peerEventBatchSchema = z.object({ events: z.array(z.unknown()).max(MAX_PEER_BATCH) }).strict();

/** A refused event's reason is cut to this length in answers (it may quote what the peer sent). */
export const MAX_REFUSAL_REASON = 300;

export const peerEventsAnswerSchema = z
  .object({
    applied: z.number().int().min(0),
    duplicates: z.number().int().min(0),
    refused: z.array(z.object({ index: z.number().int().min(0), reason: z.string().max(MAX_REFUSAL_REASON) }).strict()).max(MAX_PEER_BATCH),
  })
  .strict();
export type PeerEventsAnswer = z.infer<typeof peerEventsAnswerSchema>;

/**
 * Orders over the LAN: a terminal that lacks orders (restarted during an outage with an emptied
 * database, or just installed) says which open orders it has, at which version, and a peer
 * answers with the order events it received from Kafka after those — each with the topic,
 * partition and offset it was read at. Peers never make orders up; nothing else is relayed.
 */
export const MAX_KNOWN_ORDERS = 2_000;
export const MAX_RELAYED_ORDERS = 300;
export const MAX_RELAYED_EVENTS = 3_000;
export const MAX_RELAYED_KITCHEN_EVENTS = 10_000;
export const MAX_PEER_ANSWER_BYTES = 8 * 1024 * 1024;

export const peerOrdersRequestSchema = z
  .object({
    known: z.array(z.object({ orderId: z.string().min(1).max(128), version: z.number().int().min(0) }).strict()).max(MAX_KNOWN_ORDERS),
  })
  .strict();
export type PeerOrdersRequest = z.infer<typeof peerOrdersRequestSchema>;

/** Each relayed event is checked on its own (orderEventSchema, the place against this terminal's orders topic). */
export const relayedOrderEventSchema = z
  .object({
    event: z.unknown(),
    topic: z.string().min(1).max(249),
    partition: z.number().int().min(0),
    offset: z.string().regex(/^\d{1,20}$/),
  })
  .strict();
export type RelayedOrderEvent = z.infer<typeof relayedOrderEventSchema>;

/**
 * `kitchen`: for orders the asking terminal did not have at all, what cooks did on them as the
 * peer logged it (each checked with kitchenEventSchema) — a terminal rebuilt empty gets the
 * kitchen's state back with its orders, and its own lost actions back into its outbox.
 */
export const peerOrdersAnswerSchema = z
  .object({
    events: z.array(relayedOrderEventSchema).max(MAX_RELAYED_EVENTS),
    kitchen: z.array(z.unknown()).max(MAX_RELAYED_KITCHEN_EVENTS),
  })
  .strict();

/** A paired peer as the screen and diagnostics show it. */
export const kitchenPeerViewSchema = z
  .object({
    terminalId: z.string(),
    url: z.string(),
    pairedAt: z.string(),
    /** Last answer from it (to a send) or request from it; null: none since this terminal started. */
    lastContactAt: z.string().nullable(),
    reachable: z.boolean(),
    /** Events this terminal sent it and it confirmed, and events received from it, since start. */
    sent: z.number().int().min(0),
    received: z.number().int().min(0),
    /** Own events it has not confirmed yet. */
    waiting: z.number().int().min(0),
  })
  .strict();
export type KitchenPeerView = z.infer<typeof kitchenPeerViewSchema>;

/** The peer link as diagnostics show it: where this terminal listens, and its peers. */
export const kitchenPeersSchema = z
  .object({
    url: z.string().nullable(),
    peers: z.array(kitchenPeerViewSchema),
    /** Terminals of this kitchen announcing themselves on the LAN (mDNS) and not paired yet: addresses to pair with. */
    found: z.array(z.object({ terminalId: z.string(), url: z.string() }).strict()),
  })
  .strict();
export type KitchenPeers = z.infer<typeof kitchenPeersSchema>;

export const peerPairingSchema = z.object({ code: peerPairingCodeSchema, expiresAt: z.string(), url: z.string().nullable() }).strict();
export type PeerPairing = z.infer<typeof peerPairingSchema>;
