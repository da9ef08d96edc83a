import { AppliedEvents } from './applied-events';
import { ChangeFeed, ChangeSet } from './change-feed';
import { Counters } from './counters';
import { DeadLetters } from './dead-letters';
import { KitchenProgress } from './kitchen-progress';
import { LogNotices } from './log-notices';
import { OffsetLedger } from './offset-ledger';
import { backupDatabase, openOrRecover } from './database-recovery';
import { openDatabaseReadOnly, type Db } from './open-database';
import { OrderRepository } from './order-repository';
import { Outbox } from './outbox';
import { ParkedEvents } from './parked-events';
import { RetryQueue } from './retry-queue';

/** Every repository of the terminal's database, each small and named for what it keeps. */
export interface Repositories {
  readonly orders: OrderRepository;
  readonly applied: AppliedEvents;
  readonly offsets: OffsetLedger;
  readonly parked: ParkedEvents;
  readonly queue: RetryQueue;
  readonly deadLetters: DeadLetters;
  readonly counters: Counters;
  readonly kitchen: KitchenProgress;
  readonly outbox: Outbox;
  readonly logs: LogNotices;
}

/** The repositories inside one transaction, and what it changed (announced after commit). */
export interface Tx extends Repositories {
  readonly changes: ChangeSet;
  /** Runs `work` in a savepoint: if it throws, only its writes roll back. */
  savepoint<T>(work: () => T): T;
}

/**
 * The terminal's SQLite database. Every use case opens its transaction here, with `transact`;
 * what it changed reaches the change feed only after the commit.
 */
export class Storage implements Repositories {
  readonly orders: OrderRepository;
  readonly applied: AppliedEvents;
  readonly offsets: OffsetLedger;
  readonly parked: ParkedEvents;
  readonly queue: RetryQueue;
  readonly deadLetters: DeadLetters;
  readonly counters: Counters;
  readonly kitchen: KitchenProgress;
  readonly outbox: Outbox;
  readonly logs: LogNotices;
  private readonly runSavepoint: (work: () => unknown) => unknown;
  /** Since when writes fail for lack of space; cleared by the first write that commits again. */
  private fullSince: number | undefined;

  private constructor(
    private readonly db: Db,
    readonly feed: ChangeFeed,
    private readonly dataDir: string,
  ) {
    this.orders = new OrderRepository(db);
    this.applied = new AppliedEvents(db);
    this.offsets = new OffsetLedger(db);
    this.parked = new ParkedEvents(db);
    this.queue = new RetryQueue(db);
    this.deadLetters = new DeadLetters(db);
    this.counters = new Counters(db);
    this.kitchen = new KitchenProgress(db);
    this.outbox = new Outbox(db);
    this.logs = new LogNotices(db);
    // Building a better-sqlite3 transaction wrapper is costly; one serves every savepoint.
    this.runSavepoint = db.transaction((work: () => unknown) => work());
  }

  /** Opens the terminal's database, recovering a damaged one (database-recovery.ts) and saying so in the notices. */
  static open(dataDir: string, feed = new ChangeFeed(), now = Date.now()): Storage {
    const { db, recovery } = openOrRecover(dataDir, now);
    const storage = new Storage(db, feed, dataDir);
    if (recovery) storage.logs.add({ topic: '', partition: null, kind: recovery.kind, detail: recovery.detail, lost: null, at: now });
    return storage;
  }

  /** A running (or stopped) terminal's database, for reading only: its repositories, no transactions. */
  static openReadOnly(dataDir: string): Storage {
    return new Storage(openDatabaseReadOnly(dataDir), new ChangeFeed(), dataDir);
  }

  get isOpen(): boolean {
    return this.db.open;
  }

  /** Runs `work` in one transaction; its change set is emitted once it has committed. */
  transact<T>(work: (tx: Tx) => T): T {
    const changes = new ChangeSet();
    const tx: Tx = {
      orders: this.orders,
      applied: this.applied,
      offsets: this.offsets,
      parked: this.parked,
      queue: this.queue,
      deadLetters: this.deadLetters,
      counters: this.counters,
      kitchen: this.kitchen,
      outbox: this.outbox,
      logs: this.logs,
      changes,
      savepoint: <R>(inner: () => R): R => this.runSavepoint(inner) as R,
    };
    const changesBefore = this.fullSince === undefined ? 0 : this.totalChanges();
    let result: T;
    try {
      result = this.db.transaction(() => work(tx))();
    } catch (error) {
      if (isStorageFull(error) && this.fullSince === undefined) {
        this.fullSince = Date.now();
        this.feed.statusChanged();
      }
      throw error;
    }
    // Space is back once something was written again (a read-only transaction proves nothing).
    if (this.fullSince !== undefined && this.totalChanges() > changesBefore) {
      this.fullSince = undefined;
      changes.status = true;
    }
    this.feed.emit(changes.toChange());
    return result;
  }

  /** When writes started failing for lack of disk space, or undefined while they succeed. */
  get storageFullSince(): number | undefined {
    return this.fullSince;
  }

  private totalChanges(): number {
    return this.db.prepare('SELECT total_changes()').pluck().get() as number;
  }

  /** A consistent copy kept beside the database (the newest few), restored if the database is ever damaged. */
  backup(now: number): string {
    return backupDatabase(this.db, this.dataDir, now);
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}

/** SQLite's "database or disk is full", however the write failed (the database file, its WAL or its journal). */
export function isStorageFull(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return (
    code === 'SQLITE_FULL' || (typeof code === 'string' && code.startsWith('SQLITE_IOERR') && /disk is full|no space/i.test(String(error)))
  );
}
