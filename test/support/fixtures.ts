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
