import type { OrderEvent, OrderSnapshot } from '../../../shared/order-events';
import type { OrderRecord } from '../store/order-repository';

/**
 * The state an order reaches when `event` is applied on top of `current` (pure). `snapshot`
 * is the enriched snapshot for a thin event; `incomplete` flags state built across a gap.
 */
export function applyEvent(
  current: OrderRecord | undefined,
  event: OrderEvent,
  options: { snapshot?: OrderSnapshot; incomplete?: boolean } = {},
): OrderRecord {
  const base: OrderRecord = current ?? {
    orderId: event.orderId,
    merchantId: event.merchantId,
    appliedVersion: 0,
    status: 'OPEN',
    snapshot: null,
    previousSnapshot: null,
    paid: false,
    cancelReason: null,
    possiblyIncomplete: false,
    alert: null,
    eventsApplied: 0,
    placedAt: null,
    updatedAt: event.occurredAt,
    lastEventType: event.type,
  };
  const next: OrderRecord = {
    ...base,
    appliedVersion: event.version,
    eventsApplied: base.eventsApplied + 1,
    updatedAt: event.occurredAt,
    lastEventType: event.type,
    possiblyIncomplete: base.possiblyIncomplete || options.incomplete === true,
  };
  const snapshot = event.order ?? options.snapshot;
  switch (event.type) {
    case 'ORDER_PLACED':
      next.placedAt = base.placedAt ?? event.occurredAt;
      if (snapshot) next.snapshot = snapshot;
      else next.possiblyIncomplete = true;
      break;
    case 'ORDER_UPDATED':
      next.placedAt = base.placedAt ?? event.occurredAt;
      if (snapshot) {
        next.previousSnapshot = base.snapshot;
        next.snapshot = snapshot;
      } else next.possiblyIncomplete = true;
      break;
    case 'ORDER_PAID':
      next.paid = true;
      break;
    case 'ORDER_CANCELLED':
      next.status = 'CANCELLED';
      next.cancelReason = event.reason ?? null;
      break;
    case 'ORDER_COMPLETED':
      next.status = 'COMPLETED';
      break;
  }
  // An order first seen through a later event (a gap resolved without its PLACED) still needs a time.
  next.placedAt = next.placedAt ?? event.occurredAt;
  return next;
}

/** The order's state taken from the order-detail API as authoritative at `version`. */
export function applyAuthoritativeSnapshot(
  current: OrderRecord | undefined,
  orderId: string,
  merchantId: string,
  version: number,
  snapshot: OrderSnapshot,
  now: string,
): OrderRecord {
  const base = current ?? applyEvent(undefined, { eventId: '-', type: 'ORDER_PLACED', orderId, merchantId, version, occurredAt: now });
  return {
    ...base,
    appliedVersion: Math.max(base.appliedVersion, version),
    previousSnapshot: current?.snapshot ?? null,
    snapshot,
    eventsApplied: current?.eventsApplied ?? 0,
    possiblyIncomplete: false,
    updatedAt: now,
    lastEventType: 'SNAPSHOT',
  };
}
