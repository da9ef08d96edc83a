import type { Clock } from '../lib/clock';
import { SupervisedLoop } from '../lib/supervised-loop';
import { PRUNE_BATCH, pruneHistory, type RetentionPolicy } from './history-retention';
import type { Storage } from './storage';

/** How long a pruned order's tombstone is kept: longer than Kafka keeps its records by default (7 days). */
const TOMBSTONE_RETENTION_MS = 8 * 24 * 3600_000;
/**
 * Own events are kept this long for kitchen peers (peer_log): a peer away longer reads them from
 * Kafka, which has had them for as long; the log stays a few hundred rows in a busy kitchen.
 */
export const PEER_LOG_RETENTION_MS = 2 * 24 * 3600_000;
const HOUR_MS = 3600_000;
/**
 * How often the loop looks whether an hour has passed by the terminal's clock. Timers stop while
 * a terminal PC sleeps and a clock may be set forward (NTP after a dead battery): the pass is due
 * by the clock's time, never by how long a timer has run.
 */
const LOOK_EVERY_MS = 5_000;

export interface HousekeepingOptions {
  /** History that left the screen long ago is pruned. */
  retention?: RetentionPolicy;
  /** Backups of the database (kept beside it), restored if it is ever damaged. */
  backups?: boolean;
  /** A pass that threw (a database error): reported, and the loop carries on. */
  onError: (name: string, error: Error) => void;
  clock: Clock;
}

/**
 * The terminal's hourly housekeeping, on a loop of its own: pruned orders' old tombstones, a
 * backup, and history past retention, pruned in batches so no transaction holds the writer long.
 * The first pass runs at start, so a terminal restarted every night still keeps itself tidy.
 */
export class Housekeeping {
  private readonly loop: SupervisedLoop;
  private lastPass: number | undefined;

  constructor(
    private readonly storage: Storage,
    private readonly options: HousekeepingOptions,
  ) {
    this.loop = new SupervisedLoop({
      name: 'housekeeping',
      tick: () => {
        const now = options.clock.now();
        if (this.lastPass === undefined || now - this.lastPass >= HOUR_MS) {
          this.lastPass = now;
          this.pass(now);
        }
        return LOOK_EVERY_MS;
      },
      backoff: { baseMs: 60_000, capMs: HOUR_MS },
      onError: options.onError,
      clock: options.clock,
    });
  }

  start(): void {
    this.loop.start();
  }

  async stop(): Promise<void> {
    await this.loop.stop();
  }

  /** One pass at `now` (tests call it directly). */
  pass(now: number): void {
    this.storage.transact((tx) => {
      tx.orders.pruneTombstonesBefore(now - TOMBSTONE_RETENTION_MS);
      tx.peers.pruneLogBefore(now - PEER_LOG_RETENTION_MS);
    });
    if (this.options.backups) this.storage.backup(now);
    const retention = this.options.retention;
    if (!retention) return;
    let pruned: number;
    do pruned = this.storage.transact((tx) => pruneHistory(tx, retention, now)).orders;
    while (pruned === PRUNE_BATCH);
  }
}
