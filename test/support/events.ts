import type { KitchenEvent } from '../../shared/kitchen-events';
import { MERCHANT_HEADER, type OrderEvent, type OrderSnapshot } from '../../shared/order-events';
import type { SimRecord } from '../../scripts/simulator/order-simulator';
import { cheeseburgerLine } from './fixtures';

/** The builders of test events, used by every tier: one place, so the contract changes in one place. */
export const FIXED_TIME = '2026-11-22T12:00:00.000Z';

export function orderSnapshot(overrides: Partial<OrderSnapshot> = {}): OrderSnapshot {
  return { displayNumber: 'A1', channel: 'DINE_IN', table: '4', priority: 'NORMAL', items: [cheeseburgerLine()], ...overrides };
}

/** The n-th event of an order; its id is unique per order, version and type unless `extra` says otherwise. */
export function orderEvent(orderId: string, version: number, type: OrderEvent['type'], extra: Partial<OrderEvent> = {}): OrderEvent {
  return { eventId: `${orderId}-v${version}-${type}`, type, orderId, merchantId: 'm-1', version, occurredAt: FIXED_TIME, ...extra };
}

export function placedOrder(orderId: string, extra: Partial<OrderEvent> = {}): OrderEvent {
  return orderEvent(orderId, 1, 'ORDER_PLACED', { order: orderSnapshot({ displayNumber: orderId.toUpperCase() }), ...extra });
}

let kitchenSerial = 0;

/** A cook's action as another terminal would publish it; ids sort in creation order. */
export function kitchenEvent(type: KitchenEvent['type'], extra: Partial<KitchenEvent> = {}): KitchenEvent {
  kitchenSerial += 1;
  return {
    eventId: `k${String(kitchenSerial).padStart(4, '0')}`,
    type,
    orderId: 'o1',
    merchantId: 'm-1',
    terminalId: 'grill-1',
    occurredAt: FIXED_TIME,
    ...extra,
  };
}

/** An order event as a Kafka record: key orderId, the merchant header unless `headers` says otherwise. */
export function orderRecord(event: OrderEvent, headers: Record<string, string> = { [MERCHANT_HEADER]: event.merchantId }): SimRecord {
  return { key: event.orderId, value: JSON.stringify(event), headers, event };
}
