import { DEFAULT_KITCHEN_TIMING, type KitchenTiming } from '../../../shared/kitchen-timing';
import type { OrderItem, OrderSnapshot } from '../../../shared/order-events';
import type { StationProgress, Ticket, TicketItem } from '../../../shared/ticket';
import { NO_PROGRESS, reopenedAfterBump, WHOLE_TICKET, type KitchenState } from '../store/kitchen-state';
import type { OrderRecord } from '../store/order-repository';
import { cookSecondsOf, ticketTiming, type TicketTiming } from './item-timing';

/** How long before a scheduled order's due time it is fired to the kitchen. */
export const DEFAULT_PREP_MINUTES = 15;

function itemChange(item: OrderItem, before: OrderSnapshot | null): TicketItem['change'] {
  if (!before) return null;
  const previous = before.items.find((candidate) => candidate.lineId === item.lineId);
  if (!previous) return 'NEW';
  const same =
    previous.name === item.name &&
    previous.quantity === item.quantity &&
    previous.notes === item.notes &&
    previous.modifiers.join('\u0000') === item.modifiers.join('\u0000');
  return same ? null : 'CHANGED';
}

function stationProgress(stations: string[], kitchen: KitchenState): StationProgress[] {
  const whole = kitchen.scopes.get(WHOLE_TICKET) ?? NO_PROGRESS;
  return stations.map((station) => {
    const progress = kitchen.scopes.get(station) ?? NO_PROGRESS;
    const state = progress.bumped ? 'BUMPED' : progress.startedAt || whole.startedAt ? 'IN_PROGRESS' : 'NEW';
    return { station, state };
  });
}

/** When an order is fired to the kitchen: when it was placed, or a scheduled order's due time less its prep time. */
export function fireTimeOf(order: OrderRecord): string {
  return fireTime(order.placedAt ?? order.updatedAt, order.snapshot?.dueAt);
}

export function fireTime(placedAt: string, dueAt: string | null | undefined): string {
  return dueAt ? new Date(Date.parse(dueAt) - DEFAULT_PREP_MINUTES * 60_000).toISOString() : placedAt;
}

/** Item timing and course pacing of an order's ticket (null when both are off). */
export function orderTiming(order: OrderRecord, kitchen: KitchenState, settings: KitchenTiming): TicketTiming | null {
  const items = order.snapshot?.items ?? [];
  return ticketTiming({
    items,
    fireAt: Date.parse(fireTimeOf(order)),
    modifiedAt: order.modifiedAt ? Date.parse(order.modifiedAt) : null,
    changedLines: new Set(items.filter((item) => itemChange(item, order.previousSnapshot) !== null).map((item) => item.lineId)),
    kitchen,
    settings,
  });
}

/** The order's snapshot as it was at a version (for what changed since a bump). */
export type SnapshotAt = (version: number) => OrderSnapshot | null;

/**
 * The ticket a terminal shows for an order, or null when it has no place on its screen:
 * completed, bumped by expo, bumped by all of this terminal's stations, an acknowledged void,
 * nothing for this terminal's stations, or a scheduled order before its fire time. A bump covers
 * the version it was taken on: a later change of its lines brings the ticket back MODIFIED with
 * only what changed, a later cancel brings it back VOID.
 * `stations` empty means an expo screen: every line, and READY once every station has bumped.
 */
export function projectTicket(
  order: OrderRecord,
  kitchen: KitchenState,
  now: Date,
  stations: readonly string[] = [],
  snapshotAt: SnapshotAt = () => null,
  timingSettings: KitchenTiming = DEFAULT_KITCHEN_TIMING,
): Ticket | null {
  const whole = kitchen.scopes.get(WHOLE_TICKET) ?? NO_PROGRESS;
  const snapshot = order.snapshot;
  // Known only from events that carry no content (a newer producer's event type): nothing to cook yet.
  if (!snapshot && !order.possiblyIncomplete && order.status === 'OPEN') return null;
  const orderStations = [...new Set(snapshot?.items.map((item) => item.station))].sort();
  const isExpo = stations.length === 0;
  const mine = isExpo ? orderStations : stations.filter((station) => orderStations.includes(station));
  // Expo's bump of the whole ticket covers every station, unless a station bumped again since.
  const progressOf = (scope: string) => {
    const own = kitchen.scopes.get(scope) ?? NO_PROGRESS;
    if (scope === WHOLE_TICKET || !whole.bumped || (own.bumped && own.bumpStamp > whole.bumpStamp)) return own;
    return { ...own, bumped: true, bumpStamp: whole.bumpStamp, bumpedVersion: whole.bumpedVersion };
  };
  const baseOf = (scope: string): OrderSnapshot | null => {
    const version = progressOf(scope).bumpedVersion;
    return version === null ? null : snapshotAt(version);
  };
  const inScope = (scope: string) => (item: OrderItem) => scope === WHOLE_TICKET || item.station === scope;
  const reopened = (scope: string) => reopenedAfterBump(progressOf(scope), order, baseOf(scope), inScope(scope));
  // The scopes this screen shows: expo's whole ticket, or this terminal's stations, each unless bumped (and not reopened).
  const scopes = isExpo ? [WHOLE_TICKET] : mine;
  // A completed order is off every screen, unless a cook recalled it here after bumping it (shown DONE).
  const recalledAfterBump = (scope: string) => !progressOf(scope).bumped && progressOf(scope).bumpStamp !== '';
  if (order.status === 'COMPLETED' && !scopes.some(recalledAfterBump)) return null;
  const active = scopes.filter((scope) => !progressOf(scope).bumped || reopened(scope) !== null);
  if (active.length === 0 || (!isExpo && mine.length === 0)) return null;
  const reopenedScopes = new Set(active.filter((scope) => reopened(scope) !== null));
  const voidAcknowledged = isExpo ? whole.voidAcknowledged : mine.every((station) => progressOf(station).voidAcknowledged);
  if (order.status === 'CANCELLED' && voidAcknowledged) return null;
  const placedAt = order.placedAt ?? order.updatedAt;
  const fireAt = fireTimeOf(order);
  if (order.status !== 'CANCELLED' && Date.parse(fireAt) > now.getTime()) return null;

  const scopeOfItem = (item: OrderItem) => (isExpo ? WHOLE_TICKET : item.station);
  // What a line is compared with: the order at the bump for a reopened scope, else the order before its last update.
  const beforeFor = (item: OrderItem) => (reopenedScopes.has(scopeOfItem(item)) ? baseOf(scopeOfItem(item)) : order.previousSnapshot);
  const timing = orderTiming(order, kitchen, timingSettings);
  const iso = (time: number | null | undefined) => (time === null || time === undefined ? null : new Date(time).toISOString());
  const items = (snapshot?.items ?? [])
    .filter((item) => isExpo || mine.includes(item.station))
    .map((item) => ({
      lineId: item.lineId,
      name: item.name,
      quantity: item.quantity,
      station: item.station,
      course: item.course,
      modifiers: item.modifiers,
      notes: item.notes,
      allergens: item.allergens,
      done: kitchen.doneLines.has(item.lineId),
      change: itemChange(item, beforeFor(item)),
      startAt: iso(timing?.lines.get(item.lineId)?.startAt),
      waitsForCourse: timing?.lines.get(item.lineId)?.waitsForCourse ?? null,
      cookSeconds: timingSettings.itemTiming ? cookSecondsOf(item, timingSettings) : null,
    }))
    // A ticket back after its bump shows only what changed: the rest was cooked already.
    .filter((item) => order.status === 'CANCELLED' || !reopenedScopes.has(isExpo ? WHOLE_TICKET : item.station) || item.change !== null);
  const removedFrom = (before: OrderSnapshot | null, scope: string) =>
    (before?.items ?? [])
      .filter((old) => inScope(scope)(old) && (isExpo || mine.includes(old.station)))
      .filter((old) => !snapshot?.items.some((item) => item.lineId === old.lineId))
      .map((old) => `${old.quantity}× ${old.name}`);
  const removedItems = [
    ...new Set(
      (isExpo ? [WHOLE_TICKET] : mine).flatMap((scope) =>
        removedFrom(reopenedScopes.has(scope) ? baseOf(scope) : order.previousSnapshot, scope),
      ),
    ),
  ];
  const progress = stationProgress(orderStations, kitchen);
  const allDone = items.length > 0 && items.every((item) => item.done);
  const everyStationBumped = isExpo && progress.length > 0 && progress.every((station) => station.state === 'BUMPED');
  const started = whole.startedAt !== null || mine.some((station) => progressOf(station).startedAt !== null);
  const voidNow = order.status === 'CANCELLED';
  const status: Ticket['status'] = voidNow
    ? 'VOID'
    : order.status === 'COMPLETED'
      ? 'DONE'
      : reopenedScopes.size === 0 && (allDone || everyStationBumped)
        ? 'READY'
        : started
          ? 'IN_PROGRESS'
          : 'NEW';
  return {
    orderId: order.orderId,
    displayNumber: snapshot?.displayNumber ?? order.orderId,
    channel: snapshot?.channel ?? null,
    table: snapshot?.table ?? null,
    customerName: snapshot?.customerName ?? null,
    notes: snapshot?.notes ?? null,
    priority: snapshot?.priority ?? 'NORMAL',
    status,
    placedAt,
    fireAt,
    items,
    moreItems: snapshot?.moreItems ?? 0,
    stations: progress,
    removedItems,
    // Only courses with lines on this screen: a grill cook is not offered to fire the desserts.
    laterCourses: (timing?.laterCourses ?? [])
      .filter(({ course }) => items.some((item) => item.course === course))
      .map(({ course, firesAt }) => ({ course, firesAt: iso(firesAt) })),
    modified:
      reopenedScopes.size > 0 ||
      (order.previousSnapshot !== null && (removedItems.length > 0 || items.some((item) => item.change !== null))),
    possiblyIncomplete: order.possiblyIncomplete,
    paid: order.paid,
    alert: order.alert,
    cancelReason: order.cancelReason,
  };
}
