import { z } from 'zod';

/** What the core reports about itself; the screen's status bar and diagnostics read it. */
export const partitionLagSchema = z.object({
  partition: z.number().int(),
  /** Where this terminal continues (stored in SQLite with the state it produced). */
  nextOffset: z.string().nullable(),
  /** The partition's log start (after retention) and end, as last seen. */
  logStart: z.string().nullable(),
  highWatermark: z.string().nullable(),
  lag: z.number().nullable(),
  /** Kafka timestamp of the last record applied. */
  lastRecordAt: z.string().nullable(),
});

/** Something that happened to a topic's log that the kitchen must know about, until staff acknowledge it. */
export const noticeSchema = z.object({
  id: z.number().int(),
  kind: z.enum(['NEW_LOG', 'RETENTION_GAP', 'DATABASE_RESTORED', 'DATABASE_REBUILT']),
  topic: z.string(),
  partition: z.number().int().nullable(),
  detail: z.string(),
  lost: z.number().int().nullable(),
  at: z.string(),
});
export type Notice = z.infer<typeof noticeSchema>;

export const coreStatusSchema = z.object({
  connection: z.object({
    /** online: the cluster answers; offline: it does not (since `since`); refused: environment guard. */
    state: z.enum(['connecting', 'online', 'offline', 'refused']),
    since: z.string(),
    detail: z.string().optional(),
    /** Offline because the cluster refused this terminal's credentials or its certificate is not trusted: staff must act. */
    reason: z.enum(['credentials', 'certificate']).optional(),
  }),
  consumer: z.object({
    state: z.enum(['starting', 'running', 'reconnecting', 'refused', 'stopped']),
    since: z.string(),
    detail: z.string().optional(),
  }),
  /** The orders topic's identity: its name and the cluster its offsets were read from. */
  log: z.object({ topic: z.string(), clusterId: z.string().nullable() }),
  lag: z.array(partitionLagSchema),
  /** Open notices about the topics' logs (recreated, records lost), newest first. */
  notices: z.array(noticeSchema),
  totalLag: z.number().nullable(),
  retryDepth: z.number().int(),
  /** Cook actions saved here and not yet on the kitchen-events topic. */
  outbox: z.object({ pending: z.number().int(), oldestAt: z.string().nullable(), lastError: z.string().nullable() }),
  parked: z.number().int(),
  deadLetters: z.number().int(),
  counters: z.record(z.string(), z.number()),
  /**
   * The largest difference seen between the platform's clock (an event's occurredAt) and this
   * terminal's, over events that arrived live; positive: the platform is ahead. Tickets never
   * trust a time beyond the tolerance (README: clock skew).
   */
  clock: z.object({ largestSkewMs: z.number().nullable(), at: z.string().nullable() }),
  /** Background loops whose last pass failed (a database error, say), with the error; empty when all is well. */
  faults: z.array(z.object({ loop: z.string(), error: z.string(), since: z.string() })),
  /** The terminal's disk: full since when (new orders and actions cannot be saved), or null. */
  storage: z.object({ fullSince: z.string().nullable() }),
  /**
   * The schema registry Avro records are decoded through (null: none configured, JSON only).
   * Unreachable: the last fetch failed; `waiting` records wait for a schema it could not give
   * yet, and are applied once it answers.
   */
  schemaRegistry: z
    .object({
      reachable: z.boolean(),
      detail: z.string().optional(),
      waiting: z.number().int(),
    })
    .nullable(),
  /** What the kitchen told the platform it cannot do now: items 86'd (out of stock) and a pause, on every screen of the kitchen. */
  kitchen: z.object({
    unavailableItems: z.array(z.object({ item: z.string(), until: z.string().nullable(), since: z.string(), terminalId: z.string() })),
    pausedUntil: z.string().nullable(),
  }),
  /**
   * Kitchen peers on the LAN (absent: no peer link configured): how many are paired and how many
   * answered lately. With Kafka offline, the screens of the kitchen agree through the reachable ones.
   */
  peers: z.object({ paired: z.number().int(), reachable: z.number().int() }).optional(),
  /** Risks this terminal runs by configuration (credentials sent unencrypted), shown until the configuration changes. */
  warnings: z.array(z.string()),
});

export type PartitionLag = z.infer<typeof partitionLagSchema>;
export type CoreStatus = z.infer<typeof coreStatusSchema>;
