import type { OrderEvent, OrderSnapshot } from '../../shared/order-events';
import type { SimRecord } from '../simulator/order-simulator';

export interface ExpectedOrder {
  version: number;
  status: 'OPEN' | 'CANCELLED' | 'COMPLETED';
  paid: boolean;
  snapshot: OrderSnapshot | null;
  eventsApplied: number;
}

/**
 * What the database must hold after a stream, computed independently of the core: per order,
 * in arrival order, versions apply contiguously; a cancel applies at once and everything older
 * not yet applied is dropped; repeated eventIds and versions count once.
 */
export function expectedOrders(
  records: SimRecord[],
  merchantId: string,
  fullSnapshots?: Map<string, OrderSnapshot>,
): Map<string, ExpectedOrder> {
  const arrivals = new Map<string, OrderEvent[]>();
  for (const record of records) {
    const event = record.event;
    if (!event || event.merchantId !== merchantId) continue;
    arrivals.set(event.orderId, [...(arrivals.get(event.orderId) ?? []), event]);
  }
  const result = new Map<string, ExpectedOrder>();
  for (const [orderId, events] of arrivals) {
    const arrived = new Map<number, OrderEvent>();
    const applied: OrderEvent[] = [];
    let version = 0;
    for (const event of events) {
      if (event.version <= version || arrived.has(event.version)) continue;
      arrived.set(event.version, event);
      if (event.type === 'ORDER_CANCELLED') {
        applied.push(event);
        version = event.version;
        continue;
      }
      while (arrived.has(version + 1)) {
        version += 1;
        applied.push(arrived.get(version) as OrderEvent);
      }
    }
    let snapshot: OrderSnapshot | null = null;
    for (const event of applied) {
      const full = event.order ?? fullSnapshots?.get(event.eventId);
      if (full) snapshot = full;
    }
    result.set(orderId, {
      version,
      status: applied.some((e) => e.type === 'ORDER_CANCELLED')
        ? 'CANCELLED'
        : applied.some((e) => e.type === 'ORDER_COMPLETED')
          ? 'COMPLETED'
          : 'OPEN',
      paid: applied.some((e) => e.type === 'ORDER_PAID'),
      snapshot,
      eventsApplied: applied.length,
    });
  }
  return result;
}
