import { isThin, type OrderEvent, type OrderSnapshot } from '../../../shared/order-events';
import type { IngestStore, OrderRecord } from '../store/ingest-store';
import { applyEvent } from './apply-event';

export type Outcome = 'applied' | 'duplicate' | 'stale' | 'parked' | 'queued' | 'needs-enrichment';

export interface SequencerOptions {
  /** The event is the head of its order's retry queue (it may pass the queue). */
  fromQueueHead?: boolean;
  /** Snapshot fetched from the order-detail API for a thin event. */
  snapshot?: OrderSnapshot;
  /** Whether thin events can be enriched at all (an order-detail URL is configured). */
  canEnrich: boolean;
  now: number;
}

/**
 * The ordering rules of DESIGN.md §3 for one event, inside the caller's transaction:
 * dedupe by eventId, drop stale versions, queue behind a failed event of the same order,
 * apply a cancel at once, park gaps, send thin events for enrichment, then drain parked successors.
 */
export function sequenceEvent(store: IngestStore, event: OrderEvent, options: SequencerOptions): Outcome {
  if (store.isApplied(event.eventId)) return 'duplicate';
  const order = store.getOrder(event.orderId);
  const applied = order?.appliedVersion ?? 0;
  if (event.version <= applied) return 'stale';

  const cancel = event.type === 'ORDER_CANCELLED';
  if (!options.fromQueueHead && !cancel && store.hasQueued(event.orderId)) {
    store.enqueue(event.orderId, 'EVENT', event, options.now);
    return 'queued';
  }
  if (!cancel && event.version > applied + 1) {
    store.park(event, options.now);
    return 'parked';
  }
  if (isThin(event) && options.snapshot === undefined && options.canEnrich) {
    if (options.fromQueueHead) return 'needs-enrichment';
    store.enqueue(event.orderId, 'ENRICH', event, options.now);
    return 'queued';
  }

  const saved = commit(store, order, event, { snapshot: options.snapshot, incomplete: cancel && event.version > applied + 1 }, options.now);
  // Stop cooking now: whatever older is still parked can never apply.
  if (cancel) store.unparkUpTo(event.orderId, event.version);
  drainParked(store, event.orderId, options, saved);
  return 'applied';
}

function commit(
  store: IngestStore,
  current: OrderRecord | undefined,
  event: OrderEvent,
  extra: { snapshot?: OrderSnapshot; incomplete?: boolean },
  now: number,
): OrderRecord {
  const next = applyEvent(current, event, extra);
  store.saveOrder(next);
  store.markApplied(event.eventId, event.orderId, now);
  return next;
}

/** Applies parked successors while they are contiguous; a thin one goes to the retry queue and stops the drain. */
export function drainParked(
  store: IngestStore,
  orderId: string,
  options: Pick<SequencerOptions, 'canEnrich' | 'now'>,
  known: OrderRecord | undefined = store.getOrder(orderId),
): number {
  let drained = 0;
  let order = known;
  for (;;) {
    const nextVersion = (order?.appliedVersion ?? 0) + 1;
    const next = store.parkedAt(orderId, nextVersion);
    if (!next) return drained;
    store.unpark(orderId, nextVersion);
    if (store.isApplied(next.eventId)) continue;
    if (isThin(next) && options.canEnrich) {
      store.enqueue(orderId, 'ENRICH', next, options.now);
      return drained;
    }
    order = commit(store, order, next, {}, options.now);
    drained += 1;
  }
}

/**
 * Gap timeout without an order-detail API: apply what is parked in version order and flag the
 * order as possibly incomplete, rather than hide it from the kitchen.
 */
export function forceApplyParked(store: IngestStore, orderId: string, now: number): number {
  let applied = 0;
  for (const event of store.parkedOf(orderId)) {
    store.unpark(orderId, event.version);
    const order = store.getOrder(orderId);
    if (store.isApplied(event.eventId) || event.version <= (order?.appliedVersion ?? 0)) continue;
    commit(store, order, event, { incomplete: true }, now);
    applied += 1;
  }
  return applied;
}
