import type { KdsConfig } from '../../../shared/config';
import type { CoreStatus } from '../../../shared/core-status';
import type { RoutingState } from '../kafka/merchant-routing';
import type { ConsumerState } from '../kafka/topic-consumer';
import type { ChangeFeed } from '../store/change-feed';
import type { ReadRepositories } from '../store/storage';
import type { FaultBoard } from './fault-board';
import { partitionLags } from './partition-lag';
import { systemClock, type Clock } from '../lib/clock';

/** Raises each partition's offset in `target` to the one in `source` where that is higher. */
function keepHighest(target: Map<number, string>, source: ReadonlyMap<number, string>): void {
  for (const [partition, offset] of source) {
    const known = target.get(partition);
    if (known === undefined || BigInt(offset) > BigInt(known)) target.set(partition, offset);
  }
}

/** What the order consumer has seen of its topic, for lag. */
export interface ConsumerFigures {
  readonly highWatermarks: ReadonlyMap<number, string>;
  readonly logStarts: ReadonlyMap<number, string>;
  /** The partitions it reads this session (routed mode: the merchant's); undefined before one. */
  partitionsRead(): readonly number[] | undefined;
}

export interface TerminalStatusOptions {
  config: KdsConfig;
  repositories: ReadRepositories;
  feed: ChangeFeed;
  faults: FaultBoard;
  /** The order consumer; undefined until it is built (it reports into this status, so it comes after). */
  orderConsumer: () => ConsumerFigures | undefined;
  /** Since when the disk has been full (ms); undefined while it is not. */
  storageFull?: () => number | undefined;
  /** The schema registry as the Avro reader last found it; absent without one configured. */
  schemaRegistry?: () => { reachable: boolean; problem?: string; waiting: number };
  /** The kitchen peers on the LAN; absent without a peer link. */
  peers?: () => { paired: number; reachable: number };
  clock?: Clock;
}

const NONE: ReadonlyMap<number, string> = new Map();

/**
 * The terminal's status as the status bar shows it: connection (from the probe), the orders
 * consumer's state, lag per partition, queue depths, counters and loop faults. Every change of
 * its own is announced on the change feed.
 */
export class TerminalStatus {
  private connection: CoreStatus['connection'];
  private consumer: CoreStatus['consumer'];
  /** The probe's latest partition ends: replaced on every probe, so a new log's smaller offsets are not hidden by an old log's. */
  private probeWatermarks = new Map<number, string>();
  private clock: CoreStatus['clock'] = { largestSkewMs: null, at: null };
  private routing: RoutingState | undefined;

  private readonly config: KdsConfig;
  private readonly repositories: ReadRepositories;
  private readonly feed: ChangeFeed;
  private readonly faults: FaultBoard;
  private readonly consumerWatermarks: () => ReadonlyMap<number, string>;
  private readonly logStarts: () => ReadonlyMap<number, string>;
  private readonly partitionsRead: () => readonly number[] | undefined;
  private readonly storageFull: () => number | undefined;
  private readonly schemaRegistry: (() => { reachable: boolean; problem?: string; waiting: number }) | undefined;
  private readonly peers: (() => { paired: number; reachable: number }) | undefined;
  /** Now, as the status stamps it: the terminal's clock. */
  private readonly stamp: () => string;

  constructor(options: TerminalStatusOptions) {
    this.config = options.config;
    this.repositories = options.repositories;
    this.feed = options.feed;
    this.faults = options.faults;
    this.consumerWatermarks = () => options.orderConsumer()?.highWatermarks ?? NONE;
    this.logStarts = () => options.orderConsumer()?.logStarts ?? NONE;
    this.partitionsRead = () => options.orderConsumer()?.partitionsRead();
    this.storageFull = options.storageFull ?? (() => undefined);
    this.schemaRegistry = options.schemaRegistry;
    this.peers = options.peers;
    const clock = options.clock ?? systemClock;
    this.stamp = () => new Date(clock.now()).toISOString();
    this.connection = { state: 'connecting', since: this.stamp() };
    this.consumer = { state: 'stopped', since: this.stamp() };
  }

  /** Items 86'd and the kitchen's pause, as every screen of the kitchen shows them. */
  private kitchen(): CoreStatus['kitchen'] {
    const now = Date.parse(this.stamp());
    return {
      unavailableItems: this.repositories.answers
        .unavailable(now)
        .map(({ item, until, since, terminalId }) => ({ item, until, since, terminalId })),
      pausedUntil: this.repositories.answers.pausedUntil(this.config.merchantId, now),
    };
  }

  /** The probe's verdict; says whether the connection state changed. */
  setOnline(
    online: boolean,
    detail: string | undefined,
    watermarks: ReadonlyMap<number, string> | undefined,
    reason?: CoreStatus['connection']['reason'],
  ): 'online' | 'offline' | 'unchanged' {
    let moved = false;
    if (watermarks) {
      moved = watermarks.size !== this.probeWatermarks.size || [...watermarks].some(([p, high]) => this.probeWatermarks.get(p) !== high);
      this.probeWatermarks = new Map(watermarks);
    }
    const state = online ? 'online' : 'offline';
    const explained = { ...(detail ? { detail } : {}), ...(reason ? { reason } : {}) };
    if (this.connection.state === 'refused' || state === this.connection.state) {
      // Still offline, for another reason now (the certificate fixed, the password still wrong): say so.
      const reexplained = state === 'offline' && this.connection.state === 'offline' && this.connection.reason !== reason;
      if (reexplained) this.connection = { state, since: this.connection.since, ...explained };
      if (moved || reexplained) this.feed.statusChanged();
      return 'unchanged';
    }
    this.connection = { state, since: this.stamp(), ...explained };
    this.feed.statusChanged();
    return state;
  }

  setConsumerState(state: ConsumerState, detail?: string): void {
    if (state === this.consumer.state && detail === this.consumer.detail) return;
    this.consumer = { state, since: this.stamp(), ...(detail ? { detail } : {}) };
    if (state === 'refused') this.connection = { state: 'refused', since: this.consumer.since, detail: detail ?? 'environment mismatch' };
    this.feed.statusChanged();
  }

  /** Routed mode: what the routing table says (a missing table is a warning on screen). */
  setRouting(state: RoutingState): void {
    this.routing = state;
    this.feed.statusChanged();
  }

  /** An event that arrived live claimed a time `skewMs` away from this terminal's clock. */
  noteClockSkew(skewMs: number): void {
    if (this.clock.largestSkewMs !== null && Math.abs(skewMs) <= Math.abs(this.clock.largestSkewMs)) return;
    // Below a second is network and processing time, not a clock.
    if (Math.abs(skewMs) < 1_000) return;
    this.clock = { largestSkewMs: skewMs, at: this.stamp() };
    this.feed.statusChanged();
  }

  private registryStatus(): CoreStatus['schemaRegistry'] {
    const registry = this.schemaRegistry?.();
    if (!registry) return null;
    return { reachable: registry.reachable, ...(registry.problem ? { detail: registry.problem } : {}), waiting: registry.waiting };
  }

  /** Whether the cluster answers now (the probe's verdict), without computing the whole status. */
  get online(): boolean {
    return this.connection.state === 'online';
  }

  current(): CoreStatus {
    const topic = this.config.topics.orders;
    // The probe and the consumer each see partition ends; the larger one is the newer.
    const logEnds = new Map(this.probeWatermarks);
    keepHighest(logEnds, this.consumerWatermarks());
    const lag = partitionLags({
      stored: this.repositories.offsets.all(topic),
      logEnds,
      logStarts: this.logStarts(),
      routed: this.config.routing === 'routed',
      read: this.partitionsRead(),
    });
    const notices = this.repositories.notices.open().map((notice) => ({ ...notice, at: new Date(notice.at).toISOString() }));
    return {
      connection: this.connection,
      consumer: this.consumer,
      log: { topic, clusterId: this.repositories.notices.clusterOf(topic) ?? null },
      lag,
      notices,
      totalLag: lag.some((p) => p.lag === null) ? null : lag.reduce((sum, p) => sum + (p.lag ?? 0), 0),
      retryDepth: this.repositories.queue.depth(),
      kitchen: this.kitchen(),
      outbox: this.repositories.outbox.status(),
      parked: this.repositories.parked.count(),
      deadLetters: this.repositories.deadLetters.count(),
      counters: this.repositories.counters.all(),
      clock: this.clock,
      faults: this.faults.list(),
      storage: { fullSince: isoOrNull(this.storageFull()) },
      schemaRegistry: this.registryStatus(),
      ...(this.peers ? { peers: this.peers() } : {}),
      warnings: [...configurationWarnings(this.config), ...(this.routing?.kind === 'missing' ? [this.routing.detail] : [])],
    };
  }
}

/** What the configuration knowingly risks, said on screen so it is never forgotten. */
export function configurationWarnings(config: KdsConfig): string[] {
  const sasl = config.kafka.sasl;
  return sasl?.mechanism === 'plain' && !config.kafka.ssl
    ? ['The Kafka password is sent unencrypted (SASL PLAIN without TLS, allowed by kafka.allowPlaintextSasl)']
    : [];
}

const isoOrNull = (at: number | undefined): string | null => (at === undefined ? null : new Date(at).toISOString());
