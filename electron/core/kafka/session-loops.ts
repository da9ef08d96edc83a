import type { Admin, Consumer } from 'kafkajs';
import type { Clock } from '../lib/clock';
import { SupervisedLoop } from '../lib/supervised-loop';
import type { Storage } from '../store/storage';
import type { ConsumerView } from './consumer-view';
import type { Log } from './kafka-client';
import type { PartitionWatch, WatchFinding } from './partition-watch';
import type { TopicSpec } from './topic-consumer';

/** How often the offsets applied are committed to Kafka, for the platform's lag monitoring. */
const LAG_COMMIT_INTERVAL_MS = 5_000;
/** How often a running consumer looks at its topic's partitions (partition-watch.ts). */
const PARTITION_WATCH_MS = 5_000;

/** Commits the positions applied in SQLite that moved since the last commit, for the platform's lag monitoring only. */
export function startLagCommits(deps: {
  consumer: Consumer;
  storage: Storage;
  spec: TopicSpec;
  view: ConsumerView;
  clock: Clock;
}): SupervisedLoop {
  const { consumer, storage, spec, view, clock } = deps;
  const committed = new Map<number, string>();
  const loop = new SupervisedLoop({
    name: `${spec.label} lag commits`,
    tick: async () => {
      const moved = (view.assigned ?? []).flatMap((partition) => {
        const offset = storage.offsets.next(spec.topic, partition);
        return offset === undefined || committed.get(partition) === offset ? [] : [{ topic: spec.topic, partition, offset }];
      });
      if (moved.length > 0) await consumer.commitOffsets(moved);
      for (const { partition, offset } of moved) committed.set(partition, offset);
      return LAG_COMMIT_INTERVAL_MS;
    },
    // Only the platform's lag graph trails when a commit fails; the next pass tries again.
    backoff: { baseMs: LAG_COMMIT_INTERVAL_MS, capMs: LAG_COMMIT_INTERVAL_MS },
    onError: () => undefined,
    clock,
  });
  loop.start();
  return loop;
}

/**
 * Partitions added to the topic while the terminal runs are read within seconds: kafkajs would
 * notice them only at its next metadata refresh (minutes), so the session restarts and the
 * group is joined again with every partition. So does a log that ends below the stored offset
 * (a recreated topic: the position plan sees the new log), a join that left out partitions this
 * terminal reads, and a partition whose records wait unread (partition-watch.ts).
 */
export function startPartitionWatch(deps: {
  admin: Admin;
  consumer: Consumer;
  storage: Storage;
  spec: TopicSpec;
  view: ConsumerView;
  watch: PartitionWatch;
  clock: Clock;
  log: Log;
  restart: (why: string) => void;
}): SupervisedLoop {
  const { admin, consumer, storage, spec, view, watch, clock, log } = deps;
  watch.sessionStarted();
  const loop = new SupervisedLoop({
    name: `${spec.label} partition watch`,
    tick: async () => {
      const found = await watch.look({
        storedOffsets: () => new Map(storage.offsets.all(spec.topic).map((o) => [o.partition, o.nextOffset])),
        logEnds: () => admin.fetchTopicOffsets(spec.topic),
        partitionCount: view.partitionCount,
        reading: view.reading ?? [],
        assigned: view.assigned,
        othersInGroup: async () => (await consumer.describeGroup()).members.length > 1,
      });
      if (found.kind === 'same') return PARTITION_WATCH_MS;
      const why = describeFinding(found, view.partitionCount);
      log(found.kind === 'added' ? 'info' : 'warn', `${spec.topic}: ${why}; joining again`);
      deps.restart(why);
      return 'idle';
    },
    backoff: { baseMs: PARTITION_WATCH_MS, capMs: PARTITION_WATCH_MS },
    onError: () => undefined,
    clock,
  });
  loop.start();
  return loop;
}

function describeFinding(found: Exclude<WatchFinding, { kind: 'same' }>, partitionCount: number): string {
  switch (found.kind) {
    case 'added':
      return `${found.partitions} partitions (was ${partitionCount})`;
    case 'vanished':
      return 'the topic is gone';
    case 'beyond-end':
      return `partition ${found.partition} ends below the stored offset`;
    case 'unassigned':
      return `the group's assignment left out partition(s) ${found.partitions.join(', ')}`;
    case 'stalled':
      return `partition ${found.partition} has records from offset ${found.stored} to ${BigInt(found.logEnd) - 1n} and none was read for ${found.seconds} s`;
  }
}
