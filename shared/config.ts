import { z } from 'zod';
import { DEFAULT_BOARD_READY_MINUTES } from './guest-board';
import { healthTopic } from './terminal-health';
import { DEFAULT_KITCHEN_ANSWERS, kitchenAnswersSchema } from './kitchen-answers';
import { DEFAULT_KITCHEN_TIMING, kitchenTimingSchema } from './kitchen-timing';

/** A terminal's configuration: one schema; the loader in electron/core/config reads file + environment. */
export const idSchema = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[A-Za-z0-9._-]+$/, 'letters, digits, dot, underscore or dash only');

/**
 * Kafka credentials. The password comes from a file only its owner may read (`passwordFile`), the
 * environment (KDS_KAFKA_SASL_PASSWORD), or the configuration file itself when that file is
 * readable by its owner only; the loader checks which, and resolves it into `password`.
 */
const id = idSchema;
export const brokerAddressSchema = z.string().regex(/^[^:\s]+:\d{1,5}$/, 'host:port');
export const stationNameSchema = z.string().min(1).max(64);
/** The diagnostics PIN: up to 12 digits, because it is what stands between a paired screen and support actions (6 or more advised). */
export const pinSchema = z.string().regex(/^\d{4,12}$/, '4 to 12 digits');

const saslSchema = z
  .object({
    mechanism: z.enum(['plain', 'scram-sha-256', 'scram-sha-512']),
    username: z.string().min(1),
    password: z.string().min(1).optional(),
    passwordFile: z.string().min(1).optional(),
    /**
     * The password encrypted with the operating system's key store by the desktop app's settings
     * screen (Electron safeStorage, base64): only that app, for that user on that machine, reads it.
     */
    passwordSealed: z.string().min(1).optional(),
  })
  .strict()
  .refine((s) => [s.password, s.passwordFile, s.passwordSealed].filter((given) => given !== undefined).length === 1, {
    message: 'give exactly one of password (or KDS_KAFKA_SASL_PASSWORD), passwordFile and passwordSealed',
  });

/**
 * The schema registry Avro records are decoded through (Confluent's API; Apicurio serves it at
 * `<registry>/apis/ccompat/v7`). Its password is kept as the Kafka password is: a file only its
 * owner may read (`passwordFile`), the environment (KDS_SCHEMA_REGISTRY_PASSWORD), sealed by the
 * desktop app (`passwordSealed`), or the configuration file itself when only its owner may read it.
 */
const schemaRegistrySchema = z
  .object({
    url: z
      .url({ protocol: /^https?$/ })
      .refine((url) => !/^[a-z]+:\/\/[^/]*@/i.test(url), 'credentials belong in username and password (or passwordFile), not in the URL'),
    username: z.string().min(1).optional(),
    password: z.string().min(1).optional(),
    passwordFile: z.string().min(1).optional(),
    /** Sealed by the desktop app's settings screen, as `kafka.sasl.passwordSealed` is. */
    passwordSealed: z.string().min(1).optional(),
  })
  .strict()
  .refine(
    (r) => r.username === undefined || [r.password, r.passwordFile, r.passwordSealed].filter((given) => given !== undefined).length === 1,
    {
      path: ['username'],
      message: 'basic auth needs exactly one of password (or KDS_SCHEMA_REGISTRY_PASSWORD), passwordFile and passwordSealed',
    },
  )
  .refine((r) => r.username !== undefined || (r.password === undefined && r.passwordFile === undefined && r.passwordSealed === undefined), {
    path: ['password'],
    message: 'a password needs a username',
  });

/** A server's TLS (web host, peer link): a certificate and key of the kitchen's own, or a self-signed pair made at first start. */
const tlsChoiceSchema = z.union([
  z.object({ certFile: z.string().min(1), keyFile: z.string().min(1) }).strict(),
  z.object({ selfSigned: z.literal(true) }).strict(),
]);

export const kdsConfigSchema = z
  .object({
    env: id.describe('deployment name, e.g. prod or staging; topics must start with "<env>."'),
    merchantId: id,
    terminalId: id,
    /**
     * The stations this terminal cooks for (e.g. ["grill"]): it shows only their lines and
     * bumps only its part of a ticket. Empty: every station — an expo screen, whose bump
     * clears the whole ticket.
     */
    stations: z.array(stationNameSchema).max(50).default([]),
    kafka: z
      .object({
        brokers: z.array(brokerAddressSchema).min(1),
        clientId: z.string().min(1).default('kds'),
        ssl: z.boolean().default(false),
        /** PEM file of the certificate authorities trusted for the brokers, instead of the system's (a private CA). */
        caFile: z.string().min(1).optional(),
        sasl: saslSchema.optional(),
        /** SASL PLAIN sends the password as is: without TLS anyone on the path reads it. Refused unless this says otherwise. */
        allowPlaintextSasl: z.boolean().default(false),
        sessionTimeoutMs: z.number().int().min(1_000).max(300_000).default(10_000),
        connectionTimeoutMs: z.number().int().min(500).max(60_000).default(3_000),
      })
      .refine((k) => k.sasl?.mechanism !== 'plain' || k.ssl || k.allowPlaintextSasl, {
        path: ['sasl', 'mechanism'],
        message: 'SASL PLAIN without TLS sends the password in clear: set kafka.ssl to true (or, knowingly, kafka.allowPlaintextSasl)',
      })
      .refine((k) => k.caFile === undefined || k.ssl, { path: ['caFile'], message: 'caFile needs kafka.ssl set to true' }),
    /**
     * How the terminal finds its merchant's records. `filter`: it reads every partition of
     * `<env>.orders` and skips other merchants' records by header. `routed`: it reads only its
     * merchant's partitions of `<env>.kds-orders` (keyed by merchant id; README "Routed mode"), and
     * kitchen events likewise.
     */
    routing: z.enum(['filter', 'routed']).default('filter'),
    topics: z
      .object({
        orders: z.string().min(1).optional(),
        kitchenEvents: z.string().min(1).optional(),
        /** Routed mode: the compacted topic of merchants spread over several partitions (merchant id → shard count). */
        routingTable: z.string().min(1).optional(),
        /** The compacted topic this terminal reports its health to, for the platform's fleet service (default `<env>.kds-terminal-health`). */
        health: z.string().min(1).optional(),
      })
      .strict()
      .default({}),
    /** How far back a terminal with no stored offsets starts reading, in minutes. */
    startFromMinutes: z
      .number()
      .int()
      .min(0)
      .max(60 * 24 * 14)
      .default(12 * 60),
    /** Where Avro records' schemas are fetched; without it the terminal reads JSON only (an Avro record is a dead letter saying so). */
    schemaRegistry: schemaRegistrySchema.optional(),
    /** How this terminal writes kitchen events: JSON, or Avro through the schema registry (a platform's consumers on Avro). Reading takes both. */
    kitchenEventFormat: z.enum(['json', 'avro']).default('json'),
    orderDetailUrl: z.url({ protocol: /^https?$/ }).optional(),
    orderDetailTimeoutMs: z.number().int().min(100).max(60_000).default(5_000),
    gapTimeoutMs: z.number().int().min(100).max(3_600_000).default(30_000),
    retry: z
      .object({
        maxAttempts: z.number().int().min(1).max(100).default(7),
        baseDelayMs: z.number().int().min(10).max(600_000).default(1_000),
        maxDelayMs: z.number().int().min(10).max(3_600_000).default(60_000),
      })
      .default({ maxAttempts: 7, baseDelayMs: 1_000, maxDelayMs: 60_000 }),
    maxRecordBytes: z
      .number()
      .int()
      .min(1024)
      .max(64 * 1024 * 1024)
      .default(1024 * 1024),
    dataDir: z.string().min(1),
    /** How long history is kept once it has left the screen (recall, audit, speed of service: 8 days holds today and the 7 before), then pruned. */
    retention: z
      .object({
        closedOrderDays: z.number().int().min(1).max(90).default(8),
        deadLetterDays: z.number().int().min(1).max(365).default(30),
      })
      .default({ closedOrderDays: 8, deadLetterDays: 30 }),
    expectedClusterId: z.string().min(1).optional(),
    /** Protects support actions on the diagnostics screen (re-reading the orders topic, screen access, settings); without it they are off. */
    diagnosticsPin: pinSchema.optional(),
    screen: z
      .object({
        warnMinutes: z.number().min(1).max(120).default(5),
        lateMinutes: z.number().min(1).max(180).default(8),
        /** A chime when a new ticket arrives. */
        sound: z.boolean().default(true),
        /** The guest board (`/board`) shows a ready number this long, unless the order is picked up (completed) first. */
        boardReadyMinutes: z.number().int().min(1).max(120).default(DEFAULT_BOARD_READY_MINUTES),
      })
      .refine((s) => s.lateMinutes > s.warnMinutes, { message: 'lateMinutes must be greater than warnMinutes' })
      .default({ warnMinutes: 5, lateMinutes: 8, sound: true, boardReadyMinutes: DEFAULT_BOARD_READY_MINUTES }),
    /** Synchronized item timing and course pacing (both off by default). */
    kitchen: kitchenTimingSchema.default(DEFAULT_KITCHEN_TIMING),
    /** How this terminal answers the platform: ready from which bump, auto-accept, the quote, prep-time updates. */
    answers: kitchenAnswersSchema.default(DEFAULT_KITCHEN_ANSWERS),
    web: z
      .object({
        host: z.string().min(1).default('127.0.0.1'),
        port: z.number().int().min(0).max(65535).default(8080),
        /** HTTPS for screens on the kitchen LAN; required beyond loopback unless allowPlaintext says otherwise. */
        tls: tlsChoiceSchema.optional(),
        /** Serve plain HTTP beyond loopback: anyone on the kitchen's network can then read the screens' traffic. */
        allowPlaintext: z.boolean().default(false),
        /** Further `host:port` names screens use to reach this host (a DNS name on the kitchen LAN). */
        allowedHosts: z
          .array(z.string().regex(/^[A-Za-z0-9.\-[\]:]+:\d{1,5}$/, 'host:port'))
          .max(20)
          .default([]),
      })
      .default({ host: '127.0.0.1', port: 8080, allowedHosts: [], allowPlaintext: false }),
    /**
     * Kitchen peers (README "One kitchen without the internet"): the terminals of one kitchen send
     * each other their cook actions over the LAN, so the screens agree while Kafka is unreachable.
     * Absent: this terminal has no peer link.
     */
    peers: z
      .object({
        host: z.string().min(1).default('127.0.0.1'),
        port: z.number().int().min(0).max(65535).default(8090),
        /** How the other terminals reach this one (e.g. http://10.0.0.12:8090); derived from host and port when it is an address. */
        url: z.url({ protocol: /^https?$/ }).optional(),
        /** HTTPS for the peer link: required beyond loopback unless allowPlaintext says otherwise; peers pin its certificate when they pair. */
        tls: tlsChoiceSchema.optional(),
        /** Serve the peer link in plain HTTP beyond loopback: anyone on the kitchen's network can then read the kitchen's actions. */
        allowPlaintext: z.boolean().default(false),
        /**
         * Announce this terminal and find the kitchen's others with mDNS/DNS-SD (a hint for pairing,
         * never trust): on every interface and port 5353 unless told otherwise.
         */
        discovery: z
          .object({
            enabled: z.boolean().default(true),
            interface: z.string().min(1).optional(),
            port: z.number().int().min(1).max(65535).default(5353),
          })
          .strict()
          .default({ enabled: true, port: 5353 }),
      })
      .strict()
      .refine((p) => p.url !== undefined || !['0.0.0.0', '::', '[::]'].includes(p.host), {
        path: ['url'],
        message: 'peers.host listens on every address: give peers.url, the address the other terminals use',
      })
      .optional(),
    /** The desktop app on a kitchen terminal (ignored by `serve`). */
    desktop: z
      .object({
        /** Full screen with no way out but the OS's own (a terminal nobody should browse from). */
        kiosk: z.boolean().default(false),
        fullscreen: z.boolean().default(false),
        startAtLogin: z.boolean().default(true),
      })
      .default({ kiosk: false, fullscreen: false, startAtLogin: true }),
  })
  .strict();

export type KdsConfigInput = z.input<typeof kdsConfigSchema>;
export type TlsChoice = z.infer<typeof tlsChoiceSchema>;
type ParsedConfig = z.output<typeof kdsConfigSchema>;
type SaslConfig = { mechanism: NonNullable<ParsedConfig['kafka']['sasl']>['mechanism']; username: string; password: string };
/** The schema registry as a terminal uses it: its API's base URL, and basic auth with the password resolved. */
export interface SchemaRegistryConfig {
  url: string;
  auth?: { username: string; password: string };
}
/** A loaded configuration: topics named, the Kafka and registry passwords resolved (from wherever they were kept). */
export type KdsConfig = Omit<ParsedConfig, 'kafka' | 'topics' | 'schemaRegistry'> & {
  kafka: Omit<ParsedConfig['kafka'], 'sasl'> & { sasl?: SaslConfig };
  topics: { orders: string; kitchenEvents: string; routingTable: string; health: string };
  schemaRegistry?: SchemaRegistryConfig;
};

export function resolveConfig(config: ParsedConfig, saslPassword: string | undefined, registryPassword?: string): KdsConfig {
  const { sasl, ...kafka } = config.kafka;
  const { schemaRegistry: registry, ...rest } = config;
  return {
    ...rest,
    ...(registry
      ? {
          schemaRegistry: {
            url: registry.url,
            ...(registry.username ? { auth: { username: registry.username, password: registryPassword ?? '' } } : {}),
          },
        }
      : {}),
    kafka: sasl ? { ...kafka, sasl: { mechanism: sasl.mechanism, username: sasl.username, password: saslPassword ?? '' } } : kafka,
    topics: {
      orders: config.topics.orders ?? (config.routing === 'routed' ? `${config.env}.kds-orders` : `${config.env}.orders`),
      kitchenEvents:
        config.topics.kitchenEvents ?? (config.routing === 'routed' ? `${config.env}.kds-kitchen-events` : `${config.env}.kitchen-events`),
      routingTable: config.topics.routingTable ?? `${config.env}.kds-routing`,
      health: config.topics.health ?? healthTopic(config.env),
    },
  };
}
