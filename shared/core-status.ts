import { z } from 'zod';

/** What the core reports about itself; the screen's status bar and diagnostics read it. */
export const partitionLagSchema = z.object({
  partition: z.number().int(),
  nextOffset: z.string().nullable(),
  highWatermark: z.string().nullable(),
  lag: z.number().nullable(),
});

export const coreStatusSchema = z.object({
  connection: z.object({
    /** online: the cluster answers; offline: it does not (since `since`); refused: environment guard. */
    state: z.enum(['connecting', 'online', 'offline', 'refused']),
    since: z.string(),
    detail: z.string().optional(),
  }),
  consumer: z.object({
    state: z.enum(['starting', 'running', 'reconnecting', 'refused', 'stopped']),
    since: z.string(),
    detail: z.string().optional(),
  }),
  lag: z.array(partitionLagSchema),
  totalLag: z.number().nullable(),
  retryDepth: z.number().int(),
  /** Cook actions saved here and not yet on the kitchen-events topic. */
  outbox: z.object({ pending: z.number().int(), oldestAt: z.string().nullable(), lastError: z.string().nullable() }),
  parked: z.number().int(),
  deadLetters: z.number().int(),
  counters: z.record(z.string(), z.number()),
  /** Background loops whose last pass failed (a database error, say), with the error; empty when all is well. */
  faults: z.array(z.object({ loop: z.string(), error: z.string(), since: z.string() })),
});

export type PartitionLag = z.infer<typeof partitionLagSchema>;
export type CoreStatus = z.infer<typeof coreStatusSchema>;
