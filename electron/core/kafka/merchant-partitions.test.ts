import { AssignerProtocol, type Cluster, type Logger } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { merchantAssigner, merchantPartitions, partitionOfKey, routingKeys, shardOfOrder } from './merchant-partitions';

describe('merchant partitions', () => {
  // Computed with Kafka 4.1.1's own Utils.toPositive(Utils.murmur2(utf8(key))) % n.
  const javaChoices: [string, number, number][] = [
    ['m-1', 5, 925],
    ['m-2', 1, 841],
    ['merchant-42', 3, 969],
    ['m-1#0', 0, 250],
    ['m-1#1', 3, 471],
    ['café-7', 5, 419],
    ['foobar', 0, 166],
    ['', 3, 681],
  ];

  it.each(javaChoices)('the key %j goes where the Java producer puts it (6 partitions: %i, 1,000: %i)', (key, ofSix, ofThousand) => {
    expect(partitionOfKey(key, 6)).toBe(ofSix);
    expect(partitionOfKey(key, 1000)).toBe(ofThousand);
  });

  it('a merchant is one key, or one per shard; its partitions follow the keys', () => {
    expect(routingKeys('m-1', 1)).toEqual(['m-1']);
    expect(routingKeys('m-1', 2)).toEqual(['m-1#0', 'm-1#1']);
    expect(merchantPartitions('m-1', 1, 6)).toEqual([5]);
    expect(merchantPartitions('m-1', 2, 6)).toEqual([0, 3]);
    expect(merchantPartitions('m-1', 2, 1)).toEqual([0]);
    expect(shardOfOrder('o-1', 1)).toBe(0);
    expect(new Set(Array.from({ length: 200 }, (_, index) => shardOfOrder(`o-${index}`, 3)))).toEqual(new Set([0, 1, 2]));
  });

  it('refuses a topic without partitions', () => {
    expect(() => partitionOfKey('m-1', 0)).toThrow(/at least one partition/);
  });

  it('the assigner gives a terminal exactly the partitions named, each to one member when processes share the group', async () => {
    const assigner = merchantAssigner((topic) => (topic === 'prod.kds-orders' ? [2, 5, 7] : [1]))({
      cluster: {} as Cluster,
      groupId: 'g',
      logger: {} as Logger,
    });
    const decode = (buffer: Buffer) => AssignerProtocol.MemberAssignment.decode(buffer)?.assignment;
    const alone = await assigner.assign({ members: [{ memberId: 'a', memberMetadata: Buffer.alloc(0) }], topics: ['prod.kds-orders'] });
    expect(alone.map((member) => decode(member.memberAssignment))).toEqual([{ 'prod.kds-orders': [2, 5, 7] }]);
    const shared = await assigner.assign({
      members: [
        { memberId: 'b', memberMetadata: Buffer.alloc(0) },
        { memberId: 'a', memberMetadata: Buffer.alloc(0) },
      ],
      topics: ['prod.kds-orders', 'prod.kds-kitchen-events'],
    });
    expect(Object.fromEntries(shared.map((member) => [member.memberId, decode(member.memberAssignment)]))).toEqual({
      a: { 'prod.kds-orders': [2, 7], 'prod.kds-kitchen-events': [1] },
      b: { 'prod.kds-orders': [5] },
    });
    expect(AssignerProtocol.MemberMetadata.decode(assigner.protocol({ topics: ['t'] }).metadata)?.topics).toEqual(['t']);
  });
});
