import { DEFAULT_KITCHEN_TIMING, type KitchenTiming } from '../../../shared/kitchen-timing';
import type { OrderItem, OrderSnapshot } from '../../../shared/order-events';
import type { StationProgress, Ticket, TicketItem } from '../../../shared/ticket';
import { fireTimeOf, lineChange, orderTiming } from '../kitchen-model/course-timing';
import { cookSecondsOf, type TicketTiming } from '../kitchen-model/item-timing';
import { ownProgress, WHOLE_TICKET, type KitchenState } from '../kitchen-model/kitchen-state';
import { scopeAfterBump, type ScopeAfterBump, type SnapshotAt } from '../kitchen-model/reopen-after-bump';
import { linesOfScope, recalledAfterBump } from '../kitchen-model/scope-overrides';
import type { OrderRecord } from '../store/order-repository';

/** This screen's part of an order, after what the kitchen did to it. */
interface ScreenPart {
  isExpo: boolean;
  /** Every station with lines on the order. */
  orderStations: string[];
  /** This screen's stations with lines on the order (expo: every station of the order). */
  mine: string[];
  /** The scopes this screen shows: expo's whole ticket, or its stations. */
  scopes: ScopeAfterBump[];
}

function screenPart(order: OrderRecord, kitchen: KitchenState, stations: readonly string[], snapshotAt: SnapshotAt): ScreenPart {
  const orderStations = [...new Set(order.snapshot?.items.map((item) => item.station))].sort();
  const isExpo = stations.length === 0;
  const mine = isExpo ? orderStations : stations.filter((station) => orderStations.includes(station));
  const scopes = (isExpo ? [WHOLE_TICKET] : mine).map((scope) => scopeAfterBump(order, kitchen, scope, snapshotAt));
  return { isExpo, orderStations, mine, scopes };
}

/** Whether the order has a place on this screen now (see projectTicket). */
function hasPlace(order: OrderRecord, part: ScreenPart, now: Date): boolean {
  // Known only from events that carry no content (a newer producer's event type): nothing to cook yet.
  if (!order.snapshot && !order.possiblyIncomplete && order.status === 'OPEN') return false;
  // A completed order is off every screen, unless a cook recalled it here after bumping it (shown DONE).
  if (order.status === 'COMPLETED' && !part.scopes.some((scope) => recalledAfterBump(scope.progress))) return false;
  if (!part.scopes.some((scope) => scope.open)) return false;
  if (order.status === 'CANCELLED') return !part.scopes.every((scope) => scope.progress.voidAcknowledged);
  // A scheduled order shows from its fire time.
  return Date.parse(fireTimeOf(order)) <= now.getTime();
}

/** What a scope's lines are compared with: the order at the bump for a reopened scope, else the order before its last update. */
function comparedWith(order: OrderRecord, scope: ScopeAfterBump | undefined): OrderSnapshot | null {
  return scope?.reopened ? scope.atBump : order.previousSnapshot;
}

const iso = (time: number | null | undefined) => (time === null || time === undefined ? null : new Date(time).toISOString());

function ticketItem(
  item: OrderItem,
  kitchen: KitchenState,
  before: OrderSnapshot | null,
  timing: TicketTiming | null,
  settings: KitchenTiming,
) {
  const line = timing?.lines.get(item.lineId);
  return {
    lineId: item.lineId,
    name: item.name,
    quantity: item.quantity,
    station: item.station,
    course: item.course,
    modifiers: item.modifiers,
    notes: item.notes,
    allergens: item.allergens,
    done: kitchen.doneLines.has(item.lineId),
    change: lineChange(item, before),
    startAt: iso(line?.startAt),
    waitsForCourse: line?.waitsForCourse ?? null,
    cookSeconds: settings.itemTiming ? cookSecondsOf(item, settings) : null,
  } satisfies TicketItem;
}

/** The lines this screen shows; a ticket back after its bump shows only what changed (the rest was cooked already). */
function ticketItems(
  order: OrderRecord,
  kitchen: KitchenState,
  part: ScreenPart,
  timing: TicketTiming | null,
  settings: KitchenTiming,
): TicketItem[] {
  const scopes = new Map(part.scopes.map((scope) => [scope.scope, scope]));
  const scopeOf = (item: { station: string }) => scopes.get(part.isExpo ? WHOLE_TICKET : item.station);
  return (order.snapshot?.items ?? [])
    .filter((item) => part.isExpo || part.mine.includes(item.station))
    .map((item) => ticketItem(item, kitchen, comparedWith(order, scopeOf(item)), timing, settings))
    .filter((item) => order.status === 'CANCELLED' || !scopeOf(item)?.reopened || item.change !== null);
}

/** Lines of this screen's scopes that are gone since what they are compared with, as "2× Fries". */
function removedItemsOf(order: OrderRecord, part: ScreenPart): string[] {
  const still = new Set(order.snapshot?.items.map((item) => item.lineId));
  const removed = part.scopes.flatMap((scope) =>
    (comparedWith(order, scope)?.items ?? [])
      .filter((old) => linesOfScope(scope.scope)(old) && !still.has(old.lineId))
      .map((old) => `${old.quantity}× ${old.name}`),
  );
  return [...new Set(removed)];
}

function stationProgress(stations: string[], kitchen: KitchenState): StationProgress[] {
  const whole = ownProgress(kitchen, WHOLE_TICKET);
  return stations.map((station) => {
    const progress = ownProgress(kitchen, station);
    const state = progress.bumped ? 'BUMPED' : progress.startedAt || whole.startedAt ? 'IN_PROGRESS' : 'NEW';
    return { station, state };
  });
}

function statusOf(
  order: OrderRecord,
  kitchen: KitchenState,
  part: ScreenPart,
  items: TicketItem[],
  stations: StationProgress[],
): Ticket['status'] {
  if (order.status === 'CANCELLED') return 'VOID';
  if (order.status === 'COMPLETED') return 'DONE';
  const reopened = part.scopes.some((scope) => scope.reopened !== null);
  const allDone = items.length > 0 && items.every((item) => item.done);
  const everyStationBumped = part.isExpo && stations.length > 0 && stations.every((station) => station.state === 'BUMPED');
  if (!reopened && (allDone || everyStationBumped)) return 'READY';
  const started =
    ownProgress(kitchen, WHOLE_TICKET).startedAt !== null || part.mine.some((station) => ownProgress(kitchen, station).startedAt !== null);
  return started ? 'IN_PROGRESS' : 'NEW';
}

/**
 * The ticket a terminal shows for an order, or null when it has no place on its screen:
 * completed, bumped by expo, bumped by all of this terminal's stations, an acknowledged void,
 * nothing for this terminal's stations, or a scheduled order before its fire time. A bump covers
 * the version it was taken on: a later change of its lines brings the ticket back MODIFIED with
 * only what changed, a later cancel brings it back VOID (kitchen-model/reopen-after-bump.ts).
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
  const part = screenPart(order, kitchen, stations, snapshotAt);
  if (!hasPlace(order, part, now)) return null;
  const snapshot = order.snapshot;
  const timing = orderTiming(order, kitchen, timingSettings);
  const items = ticketItems(order, kitchen, part, timing, timingSettings);
  const removedItems = removedItemsOf(order, part);
  const progress = stationProgress(part.orderStations, kitchen);
  return {
    orderId: order.orderId,
    displayNumber: snapshot?.displayNumber ?? order.orderId,
    channel: snapshot?.channel ?? null,
    table: snapshot?.table ?? null,
    customerName: snapshot?.customerName ?? null,
    notes: snapshot?.notes ?? null,
    priority: snapshot?.priority ?? 'NORMAL',
    status: statusOf(order, kitchen, part, items, progress),
    placedAt: order.placedAt ?? order.updatedAt,
    fireAt: fireTimeOf(order),
    items,
    moreItems: snapshot?.moreItems ?? 0,
    stations: progress,
    removedItems,
    // Only courses with lines on this screen: a grill cook is not offered to fire the desserts.
    laterCourses: (timing?.laterCourses ?? [])
      .filter(({ course }) => items.some((item) => item.course === course))
      .map(({ course, firesAt }) => ({ course, firesAt: iso(firesAt) })),
    modified:
      part.scopes.some((scope) => scope.reopened !== null) ||
      (order.previousSnapshot !== null && (removedItems.length > 0 || items.some((item) => item.change !== null))),
    possiblyIncomplete: order.possiblyIncomplete,
    paid: order.paid,
    alert: order.alert,
    acceptance: null,
    unavailableLines: [],
    cancelReason: order.cancelReason,
  };
}
