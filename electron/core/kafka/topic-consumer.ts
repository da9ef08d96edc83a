import type { KdsConfig } from '../../../shared/config';
import type { IncomingRecord } from '../ingest/decode-record';
import type { RecordHandler } from '../ingest/process-chunk';
import { systemClock, type Clock } from '../lib/clock';
import { SupervisedLoop } from '../lib/supervised-loop';
import type { Storage } from '../store/storage';
import { ConsumerSession } from './consumer-session';
import { ConsumerView } from './consumer-view';
import { EnvironmentGuardError } from './environment-guard';
import type { Log } from './kafka-client';
import { TopicIdentityGuard } from './topic-identity-guard';
import { PartitionWatch } from './partition-watch';

export type ConsumerState = 'starting' | 'running' | 'reconnecting' | 'refused' | 'stopped';

export interface ConsumerHooks {
  log: Log;
  onState: (state: ConsumerState, detail?: string) => void;
  clock?: Clock;
}

/** A kitchen waits at most this long for a reconnection attempt once the broker is back. */
const MAX_RECONNECT_DELAY_MS = 10_000;

/** The order consumer's group (docs/DESIGN.md, consumer groups); the kitchen-events consumer adds `.kitchen`. */
export function consumerGroupId(config: KdsConfig): string {
  return `kds.${config.env}.${config.merchantId}.${config.terminalId}`;
}

/** What one consumer reads and how it applies a record. */
export interface TopicSpec {
  topic: string;
  groupId: string;
  /** Names the consumer in logs ("orders", "kitchen events"). */
  label: string;
  handle: RecordHandler;
  /** Outcome counters are `<counterPrefix>.<outcome>`. */
  counterPrefix: string;
  /**
   * Routed mode: the partitions to read of the topic's `partitionCount` (the merchant's), given
   * to this terminal's group by the merchant assigner. Without it, every partition.
   */
  select?: (partitionCount: number) => readonly number[] | Promise<readonly number[]>;
  /**
   * Runs before a batch is applied, outside any transaction (ingest/avro-reader.ts: fetches the
   * Avro schemas it needs, or parks the records whose schema cannot be had now); returns the
   * records to apply.
   */
  prepare?: (records: IncomingRecord[]) => Promise<IncomingRecord[]>;
  /**
   * The terminal's merchant, when `handle` skips the records whose merchant header names another
   * one: those are then counted and passed over without being read (ingest/batch-items.ts).
   */
  merchantId?: string;
}

/**
 * A consumer of one of the merchant's topics (orders, kitchen events). Offsets live in SQLite
 * with the state they produced; each session (consumer-session.ts) positions the group from them
 * before joining, and records below the stored offset are skipped, so redelivery after a crash
 * applies nothing twice. Kafka commits trail SQLite and serve lag monitoring only. Any failure
 * (broker down at start included) is retried forever with capped backoff; an environment
 * mismatch is final.
 */
export class TopicConsumer {
  private stopped = false;
  private refused = false;
  private failedBefore = false;
  private session: ConsumerSession | undefined;
  /** A replay asked for by support, applied at the next positioning. */
  private replaySince: number | undefined;
  private readonly loop: SupervisedLoop;
  private readonly clock: Clock;
  private readonly guard: TopicIdentityGuard;
  private readonly watch: PartitionWatch;
  private readonly view = new ConsumerView();

  constructor(
    private readonly config: KdsConfig,
    private readonly storage: Storage,
    private readonly spec: TopicSpec,
    private readonly hooks: ConsumerHooks,
  ) {
    this.clock = hooks.clock ?? systemClock;
    this.guard = new TopicIdentityGuard(spec.topic);
    this.watch = new PartitionWatch(() => this.clock.now());
    this.loop = new SupervisedLoop({
      name: `${spec.label} consumer`,
      tick: () => this.runSession(),
      backoff: { baseMs: 1_000, capMs: MAX_RECONNECT_DELAY_MS },
      onError: (_name, error) => {
        this.failedBefore = true;
        this.hooks.log('warn', `${this.spec.label} consumer: ${error.message}`);
        this.hooks.onState('reconnecting');
      },
      clock: hooks.clock,
    });
  }

  start(): void {
    this.loop.start();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.session?.end({ kind: 'stopping' });
    await this.loop.stop();
    this.hooks.onState('stopped');
  }

  /**
   * Reads the topic again from `since` (support's repair): the session restarts and every
   * partition starts at the first offset at or after that time. Deduplication keeps it exact.
   */
  replayFrom(since: number): void {
    this.replaySince = since;
    this.session?.end({ kind: 'restart', why: 'support asked for a replay' });
    this.loop.retryNow();
  }

  /** Joins the group again with the partitions `select` names now (the merchant's shard count changed). */
  rejoin(): void {
    // Asked while a session is still positioning, it ends that session as soon as it can.
    this.session?.end({ kind: 'restart', why: 'the partitions to read changed' });
  }

  /** The broker answers again: reconnect now instead of at the end of the backoff. */
  retryNow(): void {
    this.loop.retryNow();
  }

  /** The partitions read this session (every one, or the merchant's in routed mode); undefined before a session positioned them. */
  partitionsRead(): readonly number[] | undefined {
    return this.view.reading;
  }

  /** Each partition's log end as the last positioning or fetch saw it. */
  get highWatermarks(): ReadonlyMap<number, string> {
    return this.view.logEnds;
  }

  /** Log start offsets as of the session start, for partition health. */
  get logStarts(): ReadonlyMap<number, string> {
    return this.view.logStarts;
  }

  /** One consumer session, from connecting to its end; a crash throws, so the loop backs off and reconnects. */
  private async runSession(): Promise<'idle'> {
    if (this.refused || this.stopped) return 'idle';
    this.hooks.onState(this.failedBefore ? 'reconnecting' : 'starting');
    const replay = this.replaySince;
    const session = new ConsumerSession({
      config: this.config,
      storage: this.storage,
      spec: this.spec,
      log: this.hooks.log,
      clock: this.clock,
      guard: this.guard,
      watch: this.watch,
      view: this.view,
      replaySince: replay,
      onPositioned: () => {
        if (this.replaySince === replay) this.replaySince = undefined;
      },
      onRunning: (warning) => {
        // A session that got as far as joining the group starts the backoff afresh.
        this.loop.resetBackoff();
        this.hooks.onState('running', warning);
      },
    });
    this.session = session;
    try {
      const end = await session.run();
      if (end.kind === 'restart') this.loop.wake();
      if (end.kind === 'crashed') throw new Error(end.message);
    } catch (error) {
      if (!(error instanceof EnvironmentGuardError)) throw error;
      // Final: a terminal pinned to another cluster never consumes from this one.
      this.refused = true;
      this.hooks.log('error', error.message);
      this.hooks.onState('refused', error.message);
    } finally {
      this.session = undefined;
    }
    return 'idle';
  }
}
