import { routingKeys, shardOfOrder } from '../../electron/core/kafka/merchant-partitions';
import { MERCHANT_HEADER } from '../../shared/order-events';
import type { SimRecord } from './order-simulator';

/**
 * A record as a platform that keys by merchant produces it to `<env>.kds-orders`: key the merchant
 * id, or `<merchantId>#<shard>` for a merchant spread over `shardsOf(merchantId)` shards.
 */
export function routedRecord(record: SimRecord, shardsOf: (merchantId: string) => number = () => 1): SimRecord {
  const merchantId = record.headers[MERCHANT_HEADER] ?? record.event?.merchantId ?? '';
  const shards = shardsOf(merchantId);
  const orderId = record.event?.orderId ?? record.key;
  return { ...record, key: routingKeys(merchantId, shards)[shards > 1 ? shardOfOrder(orderId, shards) : 0] ?? merchantId };
}
