import type { OrderEvent } from '../../shared/order-events';
import { simulatedSnapshot } from './order-simulator';

/** Draws before giving up on an order whose every line is 86'd (a kitchen out of nearly everything). */
const DRAWS = 5;

export interface PlatformOrderInput {
  random: () => number;
  orderNumber: number;
  orderId: string;
  merchantId: string;
  now: number;
  /** The kitchen must answer within this (wall-clock ms) or the platform cancels. */
  acceptWindowMs: number;
  /** Whether the platform still offers this item of the menu (not 86'd). */
  offers: (item: string) => boolean;
}

/**
 * A delivery order as a platform places it: a random basket of what the kitchen still offers
 * (86'd items are off the platform's menu, so they drop out of the basket), with the deadline for
 * the kitchen's answer. Undefined when nothing drawn is offered.
 */
export function platformOrder(input: PlatformOrderInput): OrderEvent | undefined {
  for (let draw = 0; draw < DRAWS; draw += 1) {
    const snapshot = simulatedSnapshot(input.random, input.orderNumber);
    const offered = snapshot.items.filter((item) => input.offers(item.name));
    if (offered.length === 0) continue;
    return {
      eventId: `${input.orderId}-v1`,
      type: 'ORDER_PLACED',
      orderId: input.orderId,
      merchantId: input.merchantId,
      version: 1,
      occurredAt: new Date(input.now).toISOString(),
      order: {
        ...snapshot,
        channel: 'DELIVERY',
        table: null,
        customerName: snapshot.customerName ?? 'Ana',
        acceptBy: new Date(input.now + input.acceptWindowMs).toISOString(),
        items: offered.map((item, index) => ({ ...item, lineId: `l${index + 1}` })),
      },
    };
  }
  return undefined;
}
