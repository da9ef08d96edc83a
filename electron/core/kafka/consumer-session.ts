import type { Admin, Consumer, Kafka } from 'kafkajs';
import type { KdsConfig } from '../../../shared/config';
import type { Clock } from '../lib/clock';
import type { Storage } from '../store/storage';
import { BatchHandler } from './batch-handler';
import { checkCluster } from './environment-guard';
import { positionGroup } from './group-position';
import { createKafka, type Log } from './kafka-client';
import type { TopicIdentityGuard } from './topic-identity-guard';
import { merchantAssigner } from './merchant-partitions';
import type { PartitionWatch } from './partition-watch';
import { startLagCommits, startPartitionWatch } from './session-loops';
import type { TopicSpec } from './topic-consumer';
import type { ConsumerView } from './consumer-view';

/** Why a session ended: stopped on purpose, to join the group again, or because the client failed. */
export type SessionEnd = { kind: 'stopping' } | { kind: 'restart'; why: string } | { kind: 'crashed'; message: string };

/**
 * How long the broker holds a fetch that finds nothing new (new records answer it at once): the
 * longer, the fewer wake-ups of an idle terminal; a stopping consumer waits out the one in flight.
 */
const FETCH_WAIT_MS = 1_000;

export interface SessionDeps {
  config: KdsConfig;
  storage: Storage;
  spec: TopicSpec;
  log: Log;
  clock: Clock;
  guard: TopicIdentityGuard;
  watch: PartitionWatch;
  view: ConsumerView;
  /** Support asked to read again from this time. */
  replaySince: number | undefined;
  /** The session knows where every partition starts (a replay asked for is done). */
  onPositioned: () => void;
  /** The session joined its group (the consumer's backoff starts afresh). */
  onRunning: (warning: string | undefined) => void;
}

/**
 * One consumer session, from connecting to its end: positions the group from SQLite, joins it,
 * applies batches, watches the topic, commits lag for the platform's monitoring. `end` may be
 * called at any moment, before the consumer exists too: the session then ends as soon as it can.
 */
export class ConsumerSession {
  private ending: SessionEnd | undefined;
  private finish: (end: SessionEnd) => void = (end) => void (this.ending ??= end);

  constructor(private readonly deps: SessionDeps) {}

  end(end: SessionEnd): void {
    this.finish(end);
  }

  /** Runs the session; throws if it cannot start (broker unreachable, another cluster). */
  async run(): Promise<SessionEnd> {
    const { deps } = this;
    const kafka = createKafka(deps.config, deps.log, {}, (entry) => {
      if (deps.guard.clientSaysTopicVanished(entry)) this.end({ kind: 'restart', why: 'a partition vanished under a fetch' });
    });
    const admin = kafka.admin();
    await admin.connect();
    let starts: ReadonlyMap<number, string>;
    try {
      starts = await this.position(admin);
    } catch (error) {
      await admin.disconnect().catch(() => undefined);
      throw error;
    }
    if (this.ending) {
      await admin.disconnect().catch(() => undefined);
      return this.ending;
    }
    const consumer = this.createConsumer(kafka);
    const ended = new Promise<SessionEnd>((resolve) => {
      this.finish = (end) => resolve(end);
      if (this.ending) resolve(this.ending);
      consumer.on(consumer.events.CRASH, (event) =>
        resolve({ kind: 'crashed', message: `consumer crashed: ${event.payload.error.message}` }),
      );
    });
    const { storage, spec, view, watch, clock, log } = deps;
    const loops = [
      startPartitionWatch({
        admin,
        consumer,
        storage,
        spec,
        view,
        watch,
        clock,
        log,
        restart: (why) => this.end({ kind: 'restart', why }),
      }),
      startLagCommits({ consumer, storage, spec, view, clock }),
    ];
    try {
      await this.join(consumer, admin, starts);
      return await ended;
    } finally {
      await Promise.all(loops.map((loop) => loop.stop()));
      await consumer.disconnect().catch(() => undefined);
      await admin.disconnect().catch(() => undefined);
    }
  }

  /** Checks the cluster, decides where every partition starts and points the group there. */
  private async position(admin: Admin): Promise<ReadonlyMap<number, string>> {
    const { deps } = this;
    const cluster = await admin.describeCluster();
    checkCluster(deps.config, cluster.clusterId);
    const positioned = await positionGroup(admin, deps.storage, {
      topic: deps.spec.topic,
      groupId: deps.spec.groupId,
      clusterId: cluster.clusterId,
      lookBackMinutes: deps.config.startFromMinutes,
      log: deps.log,
      now: () => deps.clock.now(),
      replaySince: deps.replaySince,
      select: deps.spec.select,
    });
    deps.view.positioned(positioned.partitionCount, positioned.logs);
    deps.guard.startSession(positioned.verify);
    deps.onPositioned();
    return positioned.starts;
  }

  private createConsumer(kafka: Kafka): Consumer {
    const { config, spec, view } = this.deps;
    const sessionTimeout = config.kafka.sessionTimeoutMs;
    return kafka.consumer({
      groupId: spec.groupId,
      sessionTimeout,
      heartbeatInterval: Math.floor(sessionTimeout / 4),
      rebalanceTimeout: Math.max(sessionTimeout, 10_000),
      maxWaitTimeInMs: FETCH_WAIT_MS,
      // Smaller fetches decode in shorter slices of the event loop than kafkajs' 10 MB default.
      maxBytes: 2 * 1024 * 1024,
      // A kitchen terminal never creates topics on the platform's cluster (a deleted topic must stay missing, not come back empty).
      allowAutoTopicCreation: false,
      ...(spec.select ? { partitionAssigners: [merchantAssigner(() => view.reading ?? [])] } : {}),
      retry: { retries: 3, initialRetryTime: 300, maxRetryTime: 3_000, restartOnFailure: async () => false },
    });
  }

  private async join(consumer: Consumer, admin: Admin, starts: ReadonlyMap<number, string>): Promise<void> {
    const { deps } = this;
    const topic = deps.spec.topic;
    const batches = new BatchHandler(deps.storage, deps.spec, deps.guard, {
      lookBackMinutes: deps.config.startFromMinutes,
      log: deps.log,
      now: () => deps.clock.now(),
      sawLogEnd: (partition, high) => deps.view.sawLogEnd(partition, high),
      logStart: async (partition) => (await admin.fetchTopicOffsets(topic)).find((log) => log.partition === partition)?.low ?? '0',
      repositionNeeded: (why) => this.end({ kind: 'restart', why }),
    });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    // A fetch of markers only never reaches eachBatch: kafkajs reports it as a batch of no records.
    consumer.on(consumer.events.START_BATCH_PROCESS, ({ payload }) => {
      if (payload.topic !== topic || payload.batchSize > 0) return;
      deps.guard.passed(payload.partition, payload.lastOffset, payload.highWatermark);
      batches.passMarkers(payload.partition, payload.lastOffset);
    });
    consumer.on(consumer.events.GROUP_JOIN, (event) => {
      const assigned = event.payload.memberAssignment[topic] ?? [];
      deps.view.joined(assigned);
      deps.watch.joined();
      deps.guard.joined(this.repositionOnJoin(consumer, assigned, starts));
      deps.onRunning(deps.view.sharedGroupWarning(deps.config.terminalId, topic));
    });
    await consumer.run({
      // Kafka's committed offsets serve lag monitoring only (positions come from SQLite). kafkajs' own auto-commit
      // commits after every batch of eachBatch (its interval only spaces eachMessage's): a round trip that held
      // every next fetch — and so every live ticket — back (BENCHMARKS.md has the figure). This terminal commits on a timer.
      autoCommit: false,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: 1,
      eachBatch: (payload) => batches.handle(payload),
    });
  }

  /**
   * Every join (the first, and each rebalance that hands this terminal partitions) moves each
   * assigned partition to where SQLite says it continues, whatever Kafka's committed offsets
   * say: another member (a terminal sharing this id, a crashed process) may have committed
   * offsets this terminal never applied.
   */
  private repositionOnJoin(consumer: Consumer, assigned: readonly number[], starts: ReadonlyMap<number, string>): Map<number, string> {
    const { guard, storage, spec } = this.deps;
    const positions = new Map<number, string>();
    for (const partition of assigned) {
      const offset = guard.provingOffset(partition) ?? storage.offsets.next(spec.topic, partition) ?? starts.get(partition);
      if (offset === undefined) continue;
      consumer.seek({ topic: spec.topic, partition, offset });
      positions.set(partition, offset);
    }
    return positions;
  }
}
