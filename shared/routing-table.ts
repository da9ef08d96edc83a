import { z } from 'zod';

/** More shards than this would scatter one kitchen over most partitions of a topic: a platform's mistake, refused. */
export const MAX_SHARDS = 64;

/**
 * A record of the compacted `<env>.kds-routing` topic (routed mode, README "Routed mode"): key the
 * merchant id, value how many partitions of `<env>.kds-orders` its records are spread over (key
 * `<merchantId>#<shard>`, the shard `murmur2(orderId) % shards`). No record, or a tombstone: one,
 * keyed by the merchant id alone; an entry that cannot be read (not JSON, shards out of range)
 * counts as one too, in the terminal and in the router alike. Fields added later are ignored.
 */
export const routingEntrySchema = z.object({ shards: z.number().int().min(1).max(MAX_SHARDS) });

export type RoutingEntry = z.infer<typeof routingEntrySchema>;
