import type { Tx } from './storage';

export interface RetentionPolicy {
  /** Completed and cancelled orders (with what the kitchen did to them) are kept this long for recall and audit. */
  closedOrderDays: number;
  deadLetterDays: number;
}

/** Orders pruned per transaction: short transactions keep the screen responsive. */
export const PRUNE_BATCH = 500;

/**
 * A terminal runs for months: orders that left the screen long ago, their kitchen state and
 * snapshot history, and old dead letters are removed, so storage stays bounded. One batch per
 * call; the caller repeats while it returns a full batch.
 */
export function pruneHistory(tx: Tx, policy: RetentionPolicy, now: number): { orders: number; deadLetters: number } {
  const cutoff = new Date(now - policy.closedOrderDays * 24 * 3600_000).toISOString();
  const ids = tx.orders.closedBefore(cutoff, PRUNE_BATCH);
  for (const orderId of ids) {
    tx.orders.forget(orderId, now);
    tx.kitchen.forget(orderId);
    tx.answers.forget(orderId);
    tx.audit.forget(orderId);
  }
  const deadLetters = tx.deadLetters.pruneBefore(now - policy.deadLetterDays * 24 * 3600_000);
  // Receipts and first shows leave by time (an order still open that long keeps its other history).
  if (ids.length < PRUNE_BATCH) {
    tx.audit.pruneBefore(now - policy.closedOrderDays * 24 * 3600_000);
    tx.answers.pruneItemsBefore(now - policy.closedOrderDays * 24 * 3600_000);
  }
  if (ids.length > 0 || deadLetters > 0) tx.changes.status = true;
  return { orders: ids.length, deadLetters };
}
