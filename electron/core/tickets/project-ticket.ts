import type { OrderItem, OrderSnapshot } from '../../../shared/order-events';
import type { Ticket, TicketItem } from '../../../shared/ticket';
import type { OrderRecord } from '../store/ingest-store';

export interface KitchenState {
  startedAt: string | null;
  bumpedAt: string | null;
  voidAcknowledged: boolean;
  doneLines: ReadonlySet<string>;
}

export const NO_KITCHEN_STATE: KitchenState = { startedAt: null, bumpedAt: null, voidAcknowledged: false, doneLines: new Set() };

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

/**
 * The ticket a screen shows for an order, or null when it has no place on the screen:
 * bumped, completed, an acknowledged void, or a scheduled order before its fire time.
 */
export function projectTicket(order: OrderRecord, kitchen: KitchenState, now: Date, prepMinutes = DEFAULT_PREP_MINUTES): Ticket | null {
  if (order.status === 'COMPLETED' || kitchen.bumpedAt !== null) return null;
  if (order.status === 'CANCELLED' && kitchen.voidAcknowledged) return null;
  const snapshot = order.snapshot;
  const placedAt = order.placedAt ?? order.updatedAt;
  const fireAt = snapshot?.dueAt ? new Date(Date.parse(snapshot.dueAt) - prepMinutes * 60_000).toISOString() : placedAt;
  if (order.status !== 'CANCELLED' && Date.parse(fireAt) > now.getTime()) return null;

  const before = order.previousSnapshot;
  const items = (snapshot?.items ?? []).map((item) => ({
    lineId: item.lineId,
    name: item.name,
    quantity: item.quantity,
    station: item.station,
    course: item.course,
    modifiers: item.modifiers,
    notes: item.notes,
    allergens: item.allergens,
    done: kitchen.doneLines.has(item.lineId),
    change: itemChange(item, before),
  }));
  const removedItems = before
    ? before.items.filter((old) => !items.some((item) => item.lineId === old.lineId)).map((old) => `${old.quantity}× ${old.name}`)
    : [];
  const allDone = items.length > 0 && items.every((item) => item.done);
  const status: Ticket['status'] = order.status === 'CANCELLED' ? 'VOID' : allDone ? 'READY' : kitchen.startedAt ? 'IN_PROGRESS' : 'NEW';
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
    removedItems,
    modified: before !== null && (removedItems.length > 0 || items.some((item) => item.change !== null)),
    possiblyIncomplete: order.possiblyIncomplete,
    paid: order.paid,
    alert: order.alert,
    cancelReason: order.cancelReason,
  };
}
