import type { Admin, Consumer } from 'kafkajs';
import type { KdsConfig } from '../../../shared/config';
import type { Clock } from '../lib/clock';
import type { Storage } from '../store/storage';
import { BatchHandler } from './batch-handler';
import { checkCluster } from './environment-guard';
import { FetchSize } from './fetch-size';
import { positionGroup } from './group-position';
import { createKafka, type Log } from './kafka-client';
import type { TopicIdentityGuard } from './topic-identity-guard';
import type { PartitionWatch } from './partition-watch';
import { createSessionConsumer, seekToStoredPositions } from './session-consumer';
import { startLagCommits, startPartitionWatch } from './session-loops';
import type { TopicSpec } from './topic-consumer';
import type { ConsumerView } from './consumer-view';

/** Why a session ended: stopped on purpose, to join the group again, or because the client failed. */
export type SessionEnd = { kind: 'stopping' } | { kind: 'restart'; why: string } | { kind: 'crashed'; message: string };

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
    const fetchSize = new FetchSize();
    const consumer = createSessionConsumer(kafka, deps.config, deps.spec, () => deps.view.reading ?? [], fetchSize);
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
      await this.join(consumer, admin, starts, fetchSize);
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

  private async join(consumer: Consumer, admin: Admin, starts: ReadonlyMap<number, string>, fetchSize: FetchSize): Promise<void> {
    const { deps } = this;
    const topic = deps.spec.topic;
    const batches = new BatchHandler(deps.storage, deps.spec, deps.guard, {
      lookBackMinutes: deps.config.startFromMinutes,
      log: deps.log,
      now: () => deps.clock.now(),
      sawLogEnd: (partition, high) => deps.view.sawLogEnd(partition, high),
      logStart: async (partition) => (await admin.fetchTopicOffsets(topic)).find((log) => log.partition === partition)?.low ?? '0',
      repositionNeeded: (why) => this.end({ kind: 'restart', why }),
      read: (records, kept) => fetchSize.noteBatch(records, kept),
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
      deps.guard.joined(seekToStoredPositions(consumer, assigned, { topic, storage: deps.storage, guard: deps.guard, starts }));
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
}
