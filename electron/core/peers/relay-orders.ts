import type { OrderEvent } from '../../../shared/order-events';
import type { KitchenEvent } from '../../../shared/kitchen-events';
import {
  MAX_RELAYED_EVENTS,
  MAX_RELAYED_KITCHEN_EVENTS,
  MAX_RELAYED_ORDERS,
  travelsToPeers,
  type PeerOrdersRequest,
  type RelayedOrderEvent,
} from '../../../shared/peer-protocol';
import { VOID_KEPT_MS } from '../store/order-repository';
import type { ReadRepositories } from '../store/storage';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The order events a peer lacks, rebuilt from this terminal's log of receipts — each event as it
 * was read from Kafka (its id, version, type and time, the snapshot it carried at that version)
 * with the topic, partition and offset it was read at. Only orders still on screen travel (open ones, voids of the last day), from
 * the version after the one the peer has; an order whose history here has a hole stops before it
 * (a peer never gets a gap it could not fill). For an order the peer lacks entirely, its kitchen
 * events from this terminal's log come too.
 */
export function relayOrders(
  repositories: ReadRepositories,
  request: PeerOrdersRequest,
  now: number,
): { events: RelayedOrderEvent[]; kitchen: KitchenEvent[] } {
  const known = new Map(request.known.map(({ orderId, version }) => [orderId, version]));
  const relayed: RelayedOrderEvent[] = [];
  const kitchen: KitchenEvent[] = [];
  const onScreen = repositories.orders.onScreenIds(new Date(now - VOID_KEPT_MS).toISOString()).slice(0, MAX_RELAYED_ORDERS);
  for (const orderId of onScreen) {
    const order = repositories.orders.get(orderId);
    if (!order) continue;
    // An order the peer does not have at all: what cooks did on it comes too.
    if (!known.has(orderId))
      for (const event of repositories.audit.kitchenEventsOf(orderId, order.merchantId))
        if (travelsToPeers(event.type) && kitchen.length < MAX_RELAYED_KITCHEN_EVENTS) kitchen.push(event);
    const since = order.placedAt ? Date.parse(order.placedAt) - DAY_MS : 0;
    const byVersion = new Map(repositories.audit.receipts(orderId, since).map((receipt) => [receipt.version, receipt]));
    for (let version = (known.get(orderId) ?? 0) + 1; version <= order.appliedVersion; version += 1) {
      const receipt = byVersion.get(version);
      if (!receipt || relayed.length >= MAX_RELAYED_EVENTS) break;
      const event: OrderEvent = {
        eventId: receipt.event_id,
        type: receipt.type,
        orderId,
        merchantId: order.merchantId,
        version,
        occurredAt: receipt.occurred_at,
      };
      if (receipt.type === 'ORDER_PLACED' || receipt.type === 'ORDER_UPDATED') {
        const snapshot = repositories.orders.snapshotAt(orderId, version);
        // Its snapshot is not kept (a thin event never enriched here): the peer reads it from Kafka later.
        if (!snapshot) break;
        event.order = snapshot;
      }
      if (receipt.type === 'ORDER_CANCELLED' && order.cancelReason) event.reason = order.cancelReason;
      relayed.push({ event, topic: receipt.topic, partition: receipt.partition, offset: receipt.offset });
    }
  }
  return { events: relayed, kitchen };
}
