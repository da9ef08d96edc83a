import { AssignerProtocol, Partitioners, type PartitionAssigner, type PartitionMetadata } from 'kafkajs';

/**
 * Kafka's Java producer puts a keyed record on `toPositive(murmur2(utf8(key))) % partitions`;
 * kafkajs' default partitioner is that same function (librdkafka's default, `consistent_random`,
 * is not: its producers must choose `murmur2_random`). Asked with a topic of `count` partitions.
 */
const javaPartitioner = Partitioners.DefaultPartitioner();
const metadataOfCount = new Map<number, PartitionMetadata[]>();

export function partitionOfKey(key: string, partitionCount: number): number {
  if (!Number.isInteger(partitionCount) || partitionCount < 1)
    throw new RangeError(`a topic has at least one partition, not ${partitionCount}`);
  let metadata = metadataOfCount.get(partitionCount);
  if (!metadata) {
    metadata = Array.from({ length: partitionCount }, (_, partitionId) => ({
      partitionErrorCode: 0,
      partitionId,
      leader: 0,
      replicas: [0],
      isr: [0],
    }));
    metadataOfCount.set(partitionCount, metadata);
  }
  return javaPartitioner({ topic: '', partitionMetadata: metadata, message: { key, value: null } });
}

/** The keys a merchant's records carry on a routed topic: its id, or `<id>#<shard>` when it is spread over shards. */
export function routingKeys(merchantId: string, shards: number): string[] {
  return shards <= 1 ? [merchantId] : Array.from({ length: shards }, (_, shard) => `${merchantId}#${shard}`);
}

/** The shard of a merchant spread over `shards` that carries an order: the same hash, so the router in any language agrees. */
export function shardOfOrder(orderId: string, shards: number): number {
  return partitionOfKey(orderId, Math.max(1, shards));
}

/** The partitions of a routed topic of `partitionCount` partitions that carry the merchant's records, ascending. */
export function merchantPartitions(merchantId: string, shards: number, partitionCount: number): number[] {
  return [...new Set(routingKeys(merchantId, shards).map((key) => partitionOfKey(key, partitionCount)))].sort((a, b) => a - b);
}

export const MERCHANT_ASSIGNER = 'KdsMerchantAssigner';

/**
 * kafkajs has no `assign()`: a terminal's group (its own, docs/DESIGN.md §4) gets exactly the
 * partitions `partitionsOf(topic)` names through this assigner — the merchant's, in routed mode.
 * Should several processes share the group, each partition still goes to one of them.
 */
export function merchantAssigner(partitionsOf: (topic: string) => readonly number[]): PartitionAssigner {
  return () => ({
    name: MERCHANT_ASSIGNER,
    version: 1,
    assign({ members, topics }) {
      const memberIds = members.map((member) => member.memberId).sort();
      const assignment = new Map<string, Record<string, number[]>>(memberIds.map((memberId) => [memberId, {}]));
      for (const topic of topics) {
        partitionsOf(topic).forEach((partition, index) => {
          const topics = assignment.get(memberIds[index % memberIds.length] as string) as Record<string, number[]>;
          (topics[topic] ??= []).push(partition);
        });
      }
      return Promise.resolve(
        [...assignment].map(([memberId, topics]) => ({
          memberId,
          memberAssignment: AssignerProtocol.MemberAssignment.encode({ version: 1, assignment: topics, userData: Buffer.alloc(0) }),
        })),
      );
    },
    protocol({ topics }) {
      return {
        name: MERCHANT_ASSIGNER,
        metadata: AssignerProtocol.MemberMetadata.encode({ version: 1, topics, userData: Buffer.alloc(0) }),
      };
    },
  });
}
