import { isThin, type OrderEvent, type OrderSnapshot } from '../../../shared/order-events';
import { hasEventId } from '../store/applied-event-ids';
import type { OrderRecord } from '../store/order-repository';
import type { Tx } from '../store/storage';
import { applyEvent } from './apply-event';

export type Outcome = 'applied' | 'duplicate' | 'stale' | 'parked' | 'queued' | 'needs-enrichment';

export interface SequencerOptions {
  /** The record arrived while its partition was caught up: receive time is then close to when it was produced. */
  live?: boolean;
  /** The event is the head of its order's retry queue (it may pass the queue). */
  fromQueueHead?: boolean;
  /** Snapshot fetched from the order-detail API for a thin event. */
  snapshot?: OrderSnapshot;
  /** Whether thin events can be enriched at all (an order-detail URL is configured). */
  canEnrich: boolean;
  now: number;
}

/**
 * The ordering rules of docs/DESIGN.md §3 for one event, inside the caller's transaction:
 * drop versions already applied (a copy of an applied event counts as a duplicate), queue behind a
 * failed event of the same order, apply a cancel at once, park gaps, send thin events for
 * enrichment, then drain parked successors.
 */
export function sequenceEvent(tx: Tx, event: OrderEvent, options: SequencerOptions): Outcome {
  const order = tx.orders.get(event.orderId);
  // The order's version is written with the partition's offset: at or below it, the event was
  // applied (or passed by a cancel) and never applies again. Its row's ids tell a copy from an older event.
  const applied = order?.appliedVersion ?? 0;
  if (event.version <= applied) return hasEventId(order?.appliedEventIds, event.eventId) ? 'duplicate' : 'stale';
  if (order === undefined) {
    // Pruned by retention: its tombstone keeps a re-read of its old records from bringing it back.
    const forgotten = tx.orders.forgottenVersion(event.orderId);
    if (forgotten !== undefined && event.version <= forgotten) return 'duplicate';
  }

  const cancel = event.type === 'ORDER_CANCELLED';
  if (!options.fromQueueHead && !cancel && tx.queue.hasOrder(event.orderId)) {
    tx.queue.enqueue(event.orderId, 'EVENT', event, options.now);
    tx.changes.retryWork();
    return 'queued';
  }
  if (!cancel && event.version > applied + 1) {
    tx.parked.park(event, options.now);
    tx.changes.retryWork();
    return 'parked';
  }
  if (isThin(event) && options.snapshot === undefined && options.canEnrich) {
    if (options.fromQueueHead) return 'needs-enrichment';
    tx.queue.enqueue(event.orderId, 'ENRICH', event, options.now);
    tx.changes.retryWork();
    return 'queued';
  }

  const saved = commit(
    tx,
    order,
    event,
    { snapshot: options.snapshot, incomplete: cancel && event.version > applied + 1, live: options.live },
    options.now,
  );
  // Stop cooking now: whatever older is still parked can never apply.
  if (cancel) tx.parked.removeUpTo(event.orderId, event.version);
  drainParked(tx, event.orderId, options, saved);
  return 'applied';
}

function commit(
  tx: Tx,
  current: OrderRecord | undefined,
  event: OrderEvent,
  extra: { snapshot?: OrderSnapshot; incomplete?: boolean; live?: boolean },
  now: number,
): OrderRecord {
  let next = applyEvent(current, event, { ...extra, receivedAt: now });
  if (next.snapshot && next.snapshot !== current?.snapshot) next = tx.orders.snapshotReplaced(current, next, event.version);
  tx.orders.save(next);
  tx.changes.order(event.orderId);
  return next;
}

/** Applies parked successors while they are contiguous; a thin one goes to the retry queue and stops the drain. */
export function drainParked(
  tx: Tx,
  orderId: string,
  options: Pick<SequencerOptions, 'canEnrich' | 'now'>,
  known: OrderRecord | undefined = tx.orders.get(orderId),
): number {
  let drained = 0;
  let order = known;
  for (;;) {
    const nextVersion = (order?.appliedVersion ?? 0) + 1;
    const next = tx.parked.at(orderId, nextVersion);
    if (!next) return drained;
    tx.parked.remove(orderId, nextVersion);
    if (isThin(next) && options.canEnrich) {
      tx.queue.enqueue(orderId, 'ENRICH', next, options.now);
      tx.changes.retryWork();
      return drained;
    }
    order = commit(tx, order, next, {}, options.now);
    drained += 1;
  }
}

/**
 * Gap timeout without an order-detail API: apply what is parked in version order and flag the
 * order as possibly incomplete, rather than hide it from the kitchen.
 */
export function forceApplyParked(tx: Tx, orderId: string, now: number): number {
  let applied = 0;
  for (const event of tx.parked.of(orderId)) {
    tx.parked.remove(orderId, event.version);
    const order = tx.orders.get(orderId);
    if (event.version <= (order?.appliedVersion ?? 0)) continue;
    commit(tx, order, event, { incomplete: true }, now);
    applied += 1;
  }
  return applied;
}
