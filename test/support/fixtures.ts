import type { OrderItem } from '../../shared/order-events';

/** The ticket line most tests use: two cheeseburgers for the grill, no onions. */
export function cheeseburgerLine(overrides: Partial<OrderItem> = {}): OrderItem {
  return {
    lineId: 'l1',
    name: 'Cheeseburger',
    quantity: 2,
    station: 'grill',
    course: 1,
    modifiers: ['no onions'],
    notes: '',
    allergens: ['gluten'],
    ...overrides,
  };
}

/** A plain line: one of `name` for `station`, course 1, nothing special unless `extra` says so. */
export function orderLine(lineId: string, name: string, station: string, extra: Partial<OrderItem> = {}): OrderItem {
  return { lineId, name, quantity: 1, station, course: 1, modifiers: [], notes: '', allergens: [], ...extra };
}
