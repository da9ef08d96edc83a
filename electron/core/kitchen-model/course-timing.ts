import type { KitchenTiming } from '../../../shared/kitchen-timing';
import type { OrderItem, OrderSnapshot } from '../../../shared/order-events';
import { ticketTiming, type TicketTiming } from './item-timing';
import { WHOLE_TICKET, type KitchenOrder, type KitchenState } from './kitchen-state';

/** How long before a scheduled order's due time it is fired to the kitchen. */
export const DEFAULT_PREP_MINUTES = 15;

/** When an order is fired to the kitchen: when it was placed, or a scheduled order's due time less its prep time. */
export function fireTime(placedAt: string, dueAt: string | null | undefined): string {
  return dueAt ? new Date(Date.parse(dueAt) - DEFAULT_PREP_MINUTES * 60_000).toISOString() : placedAt;
}

export function fireTimeOf(order: KitchenOrder): string {
  return fireTime(order.placedAt ?? order.updatedAt, order.snapshot?.dueAt);
}

/** How a line differs from the same line in `before`: NEW, CHANGED, or null (the same, or nothing to compare with). */
export function lineChange(item: OrderItem, before: OrderSnapshot | null): 'NEW' | 'CHANGED' | null {
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

/** Item timing and course pacing of an order's ticket (null when both are off). */
export function orderTiming(order: KitchenOrder, kitchen: KitchenState, settings: KitchenTiming): TicketTiming | null {
  const items = order.snapshot?.items ?? [];
  return ticketTiming({
    items,
    fireAt: Date.parse(fireTimeOf(order)),
    modifiedAt: order.modifiedAt ? Date.parse(order.modifiedAt) : null,
    changedLines: new Set(items.filter((item) => lineChange(item, order.previousSnapshot) !== null).map((item) => item.lineId)),
    kitchen,
    settings,
  });
}

/** What a bump does under course pacing: a plain bump, strike the fired lines, or nothing yet (the next course is held). */
export type PacedBump = { kind: 'bump' } | { kind: 'strike'; lines: OrderItem[] } | { kind: 'held' };

/**
 * Course pacing: bumping a ticket whose later course is still held for these scopes would take
 * that course off the screen before it fires. The fired lines are struck instead (which is what
 * bumps their course), and the ticket stays for the course to come. `now` in ms.
 */
export function pacedBump(
  order: KitchenOrder,
  kitchen: KitchenState,
  scopes: readonly string[],
  settings: KitchenTiming | undefined,
  now: number,
): PacedBump {
  if (!settings || settings.coursePacing === 'off') return { kind: 'bump' };
  const plan = orderTiming(order, kitchen, settings);
  const mine = (order.snapshot?.items ?? []).filter((item) => scopes.includes(WHOLE_TICKET) || scopes.includes(item.station));
  // The first course fires with the ticket; a later one once its time is known and has come.
  const laterFires = new Map(plan?.laterCourses.map((course) => [course.course, course.firesAt ?? Infinity]));
  const fired = (item: OrderItem) => (laterFires.get(item.course) ?? -Infinity) <= now;
  if (mine.every(fired)) return { kind: 'bump' };
  const lines = mine.filter((item) => fired(item) && !kitchen.doneLines.has(item.lineId));
  return lines.length === 0 ? { kind: 'held' } : { kind: 'strike', lines };
}
