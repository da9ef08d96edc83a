import type { OrderEvent, OrderSnapshot } from '../../../shared/order-events';
import { withEventId } from '../store/applied-event-ids';
import type { OrderRecord } from '../store/order-repository';

/** How far a producer's clock may differ from this terminal's before its times are not trusted. */
export const CLOCK_TOLERANCE_MS = 60_000;

const UTC_MILLIS = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

/** A chunk's events share one receive time: its ISO text is made once. */
let lastReceived = { at: NaN, iso: '' };
function isoOf(at: number): string {
  if (lastReceived.at !== at) lastReceived = { at, iso: new Date(at).toISOString() };
  return lastReceived.iso;
}

/**
 * When an event happened, as far as this terminal can trust the producer's clock: never later
 * than it was received (a clock ahead would hide or un-age a ticket), and the receive time when
 * a record that arrived live (its partition caught up, so received moments after it was
 * produced) claims to be older than the tolerance (a clock behind would age it at once).
 */
export function trustedEventTime(occurredAt: string, receivedAt: number | undefined, live = false): string {
  if (receivedAt === undefined) return occurredAt;
  // Most producers write UTC with milliseconds, as toISOString does: then text order is time order,
  // and a catch-up compares text instead of parsing a date per event.
  if (!live && occurredAt.length === 24 && UTC_MILLIS.test(occurredAt)) {
    const received = isoOf(receivedAt);
    return occurredAt > received ? received : occurredAt;
  }
  const skew = Date.parse(occurredAt) - receivedAt;
  if (skew > 0 || (live && -skew > CLOCK_TOLERANCE_MS)) return new Date(receivedAt).toISOString();
  return occurredAt;
}

/**
 * The state an order reaches when `event` is applied on top of `current` (pure). `snapshot`
 * is the enriched snapshot for a thin event; `incomplete` flags state built across a gap;
 * `receivedAt` (and `live`) bound the producer's clock (trustedEventTime).
 */
export function applyEvent(
  current: OrderRecord | undefined,
  event: OrderEvent,
  options: { snapshot?: OrderSnapshot; incomplete?: boolean; receivedAt?: number; live?: boolean } = {},
): OrderRecord {
  const eventTime = trustedEventTime(event.occurredAt, options.receivedAt, options.live);
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
    closedAt: null,
  };
  const next: OrderRecord = {
    ...base,
    appliedVersion: event.version,
    eventsApplied: base.eventsApplied + 1,
    appliedEventIds: withEventId(base.appliedEventIds, event.eventId),
    updatedAt: event.occurredAt,
    lastEventType: event.type,
    possiblyIncomplete: base.possiblyIncomplete || options.incomplete === true,
  };
  const snapshot = event.order ?? options.snapshot;
  switch (event.type) {
    case 'ORDER_PLACED':
      next.placedAt = base.placedAt ?? eventTime;
      if (snapshot) next.snapshot = snapshot;
      else next.possiblyIncomplete = true;
      break;
    case 'ORDER_UPDATED':
      next.placedAt = base.placedAt ?? eventTime;
      if (snapshot) {
        next.previousSnapshot = base.snapshot;
        next.snapshot = snapshot;
        next.modifiedAt = eventTime;
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
  next.placedAt = next.placedAt ?? eventTime;
  if (next.status !== 'OPEN' && base.status === 'OPEN') next.closedAt = eventTime;
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
    appliedEventIds: current?.appliedEventIds ?? null,
    possiblyIncomplete: false,
    updatedAt: now,
    lastEventType: 'SNAPSHOT',
  };
}
