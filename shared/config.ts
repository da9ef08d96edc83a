import { z } from 'zod';

/** A terminal's configuration: one schema; the loader in electron/core/config reads file + environment. */
const id = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[A-Za-z0-9._-]+$/, 'letters, digits, dot, underscore or dash only');

const saslSchema = z.object({
  mechanism: z.enum(['plain', 'scram-sha-256', 'scram-sha-512']),
  username: z.string().min(1),
  password: z.string().min(1),
});

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
    stations: z.array(z.string().min(1).max(64)).max(50).default([]),
    kafka: z.object({
      brokers: z.array(z.string().regex(/^[^:\s]+:\d{1,5}$/, 'host:port')).min(1),
      clientId: z.string().min(1).default('kds'),
      ssl: z.boolean().default(false),
      sasl: saslSchema.optional(),
      sessionTimeoutMs: z.number().int().min(1_000).max(300_000).default(10_000),
      connectionTimeoutMs: z.number().int().min(500).max(60_000).default(3_000),
    }),
    topics: z
      .object({
        orders: z.string().min(1).optional(),
        kitchenEvents: z.string().min(1).optional(),
      })
      .default({}),
    /** How far back a terminal with no stored offsets starts reading, in minutes. */
    startFromMinutes: z
      .number()
      .int()
      .min(0)
      .max(60 * 24 * 14)
      .default(12 * 60),
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
    /** How long history is kept once it has left the screen (recall and audit), then pruned. */
    retention: z
      .object({
        closedOrderDays: z.number().int().min(1).max(90).default(7),
        deadLetterDays: z.number().int().min(1).max(365).default(30),
      })
      .default({ closedOrderDays: 7, deadLetterDays: 30 }),
    expectedClusterId: z.string().min(1).optional(),
    /** Protects support actions on the diagnostics screen (re-reading the orders topic); without it they are off. */
    diagnosticsPin: z
      .string()
      .regex(/^\d{4,8}$/, '4 to 8 digits')
      .optional(),
    screen: z
      .object({
        warnMinutes: z.number().min(1).max(120).default(5),
        lateMinutes: z.number().min(1).max(180).default(8),
      })
      .refine((s) => s.lateMinutes > s.warnMinutes, { message: 'lateMinutes must be greater than warnMinutes' })
      .default({ warnMinutes: 5, lateMinutes: 8 }),
    web: z
      .object({
        host: z.string().min(1).default('127.0.0.1'),
        port: z.number().int().min(0).max(65535).default(8080),
        token: z.string().min(16, 'at least 16 characters').optional(),
        /** Further `host:port` names screens use to reach this host (a DNS name on the kitchen LAN). */
        allowedHosts: z
          .array(z.string().regex(/^[A-Za-z0-9.\-[\]:]+:\d{1,5}$/, 'host:port'))
          .max(20)
          .default([]),
      })
      .default({ host: '127.0.0.1', port: 8080, allowedHosts: [] }),
  })
  .strict();

export type KdsConfigInput = z.input<typeof kdsConfigSchema>;
export type KdsConfig = z.output<typeof kdsConfigSchema> & { topics: { orders: string; kitchenEvents: string } };

export function resolveTopics(config: z.output<typeof kdsConfigSchema>): KdsConfig {
  return {
    ...config,
    topics: {
      orders: config.topics.orders ?? `${config.env}.orders`,
      kitchenEvents: config.topics.kitchenEvents ?? `${config.env}.kitchen-events`,
    },
  };
}
