import { systemClock } from '../lib/clock';
import { AuditTrail } from './audit-trail';
import type { DeferredWrites } from './deferred-writes';
import { ChangeFeed, ChangeSet } from './change-feed';
import { Counters } from './counters';
import { DeadLetters } from './dead-letters';
import { KitchenAnswers } from './kitchen-answers';
import { KitchenProgress } from './kitchen-progress';
import { Notices } from './notices';
import { OffsetLedger } from './offset-ledger';
import { backupDatabase, openOrRecover } from './database-recovery';
import { openDatabaseReadOnly, type Db } from './open-database';
import { OrderRepository } from './order-repository';
import { KitchenPeers } from './kitchen-peers';
import { Outbox } from './outbox';
import { ParkedEvents } from './parked-events';
import { RetryQueue } from './retry-queue';
import { SchemaCache } from './schema-cache';

/** Every repository of the terminal's database, each small and named for what it keeps. */
export interface Repositories {
  readonly orders: OrderRepository;
  readonly offsets: OffsetLedger;
  readonly parked: ParkedEvents;
  readonly queue: RetryQueue;
  readonly deadLetters: DeadLetters;
  readonly counters: Counters;
  readonly kitchen: KitchenProgress;
  readonly answers: KitchenAnswers;
  readonly outbox: Outbox;
  readonly peers: KitchenPeers;
  readonly notices: Notices;
  readonly audit: AuditTrail;
  /** Avro writer schemas by id, and the records waiting for one (ingest/avro-reader.ts). */
  readonly schemas: SchemaCache;
}

/**
 * The repositories as they may be used outside a transaction: reading only. Every write goes
 * through `Storage.transact`, whose `Tx` hands out the writing side, so what a use case changed
 * is always announced after its commit (and a write can never escape its transaction).
 */
export interface ReadRepositories {
  readonly orders: Omit<
    OrderRepository,
    'save' | 'snapshotReplaced' | 'setAlert' | 'forget' | 'pruneTombstonesBefore' | 'deferWrites' | 'writeDeferred'
  >;
  readonly offsets: Omit<OffsetLedger, 'set' | 'advance' | 'passMarkers' | 'clear'>;
  readonly parked: Omit<ParkedEvents, 'park' | 'remove' | 'removeUpTo' | 'forgetCached'>;
  readonly queue: Omit<RetryQueue, 'enqueue' | 'remove' | 'reschedule' | 'rekind' | 'wakeOrder' | 'forgetCached'>;
  readonly deadLetters: Omit<DeadLetters, 'add' | 'pruneBefore'>;
  readonly counters: Omit<Counters, 'bump'>;
  readonly kitchen: Omit<KitchenProgress, 'apply' | 'forget'>;
  readonly answers: Pick<
    KitchenAnswers,
    'answer' | 'answersOf' | 'acceptedNotReady' | 'decision' | 'claimedOrDecided' | 'unavailable' | 'pausedUntil'
  >;
  readonly outbox: Omit<Outbox, 'add' | 'restore' | 'confirm' | 'confirmSent' | 'recordFailure'>;
  readonly peers: Omit<KitchenPeers, 'logOwn' | 'acknowledge' | 'forget' | 'pruneLogBefore'>;
  readonly notices: Omit<Notices, 'add' | 'acknowledge' | 'setCluster'>;
  readonly audit: Omit<
    AuditTrail,
    'received' | 'kitchen' | 'shown' | 'pruneBefore' | 'forget' | 'deferWrites' | 'writeDeferred' | 'forgetPending'
  >;
  readonly schemas: Omit<SchemaCache, 'put' | 'wait' | 'release'>;
}

/** Thrown inside an optimistic transaction to roll it back (it runs again with a savepoint per record). */
class OptimismFailed extends Error {}

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
export class Storage implements ReadRepositories {
  readonly orders: ReadRepositories['orders'];
  readonly offsets: ReadRepositories['offsets'];
  readonly parked: ReadRepositories['parked'];
  readonly queue: ReadRepositories['queue'];
  readonly deadLetters: ReadRepositories['deadLetters'];
  readonly counters: ReadRepositories['counters'];
  readonly kitchen: ReadRepositories['kitchen'];
  readonly answers: ReadRepositories['answers'];
  readonly outbox: ReadRepositories['outbox'];
  readonly peers: ReadRepositories['peers'];
  readonly notices: ReadRepositories['notices'];
  readonly audit: ReadRepositories['audit'];
  readonly schemas: ReadRepositories['schemas'];
  /** The same repositories with their writing side, handed to transactions only. */
  private readonly writable: Repositories;
  /** The repositories that write once at the end of an optimistic transaction (deferred-writes.ts). */
  private readonly deferredWriters: readonly DeferredWrites[];
  /** The connection's `synchronous` setting now (open-database.ts starts it at FULL). */
  private durability: 'durable' | 'replayable';
  private readonly inTransaction: (work: () => unknown) => unknown;
  /** Since when writes fail for lack of space; cleared by the first write that commits again. */
  private fullSince: number | undefined;

  private constructor(
    private readonly db: Db,
    readonly feed: ChangeFeed,
    private readonly dataDir: string,
    writer: boolean,
  ) {
    this.writable = {
      orders: new OrderRepository(db, { cached: writer }),
      offsets: new OffsetLedger(db, { cached: writer }),
      parked: new ParkedEvents(db, { cached: writer }),
      queue: new RetryQueue(db, { cached: writer }),
      deadLetters: new DeadLetters(db),
      counters: new Counters(db),
      kitchen: new KitchenProgress(db),
      answers: new KitchenAnswers(db),
      outbox: new Outbox(db),
      peers: new KitchenPeers(db),
      notices: new Notices(db),
      audit: new AuditTrail(db),
      schemas: new SchemaCache(db),
    };
    ({
      orders: this.orders,
      offsets: this.offsets,
      parked: this.parked,
      queue: this.queue,
      deadLetters: this.deadLetters,
      counters: this.counters,
      kitchen: this.kitchen,
      answers: this.answers,
      outbox: this.outbox,
      peers: this.peers,
      notices: this.notices,
      audit: this.audit,
      schemas: this.schemas,
    } = this.writable);
    this.deferredWriters = [this.writable.orders, this.writable.audit];
    this.durability = 'durable';
    // Building a better-sqlite3 transaction wrapper is costly: one serves every transaction, and every
    // savepoint (called inside a transaction, it takes a savepoint).
    this.inTransaction = db.transaction((work: () => unknown) => work());
  }

  /** Opens the terminal's database, recovering a damaged one (database-recovery.ts) and saying so in the notices. */
  static open(dataDir: string, feed = new ChangeFeed(), now = systemClock.now()): Storage {
    const { db, recovery } = openOrRecover(dataDir, now);
    const storage = new Storage(db, feed, dataDir, true);
    if (recovery)
      storage.writable.notices.add({ topic: '', partition: null, kind: recovery.kind, detail: recovery.detail, lost: null, at: now });
    return storage;
  }

  /** A running (or stopped) terminal's database, for reading only: its repositories, no transactions. */
  static openReadOnly(dataDir: string): Storage {
    return new Storage(openDatabaseReadOnly(dataDir), new ChangeFeed(), dataDir, false);
  }

  /** SQLite's `synchronous` now: 2 (FULL) after a durable transaction, 1 (NORMAL) after a replayable one. */
  get synchronous(): number {
    return this.db.pragma('synchronous', { simple: true }) as number;
  }

  get isOpen(): boolean {
    return this.db.open;
  }

  /**
   * Runs `work` in one transaction; its change set is emitted once it has committed. A
   * `replayable` transaction holds only what Kafka can give again, with its offsets (applied
   * records): its commit does not wait for the disk, so a power cut may undo it — offsets and
   * state together, re-read at the next start. Everything else (cooks' actions above all) waits
   * until the disk has it.
   */
  transact<T>(work: (tx: Tx) => T, durability: 'durable' | 'replayable' = 'durable', savepoints: 'each' | 'optimistic' = 'each'): T {
    if (savepoints === 'optimistic') {
      // A savepoint per record is two statements per record whose rollback is almost never needed: run
      // without them, and only if some savepoint's work threw, undo everything and run again with them.
      const attempt = this.attempt(work, durability, true);
      if (attempt.ok) return attempt.value;
    }
    const attempt = this.attempt(work, durability, false);
    if (!attempt.ok) throw new Error('unreachable: savepoints were taken');
    return attempt.value;
  }

  private attempt<T>(
    work: (tx: Tx) => T,
    durability: 'durable' | 'replayable',
    optimistic: boolean,
  ): { ok: true; value: T } | { ok: false } {
    if (durability !== this.durability) {
      this.db.pragma(`synchronous = ${durability === 'durable' ? 'FULL' : 'NORMAL'}`);
      this.durability = durability;
    }
    const changes = new ChangeSet();
    const tx: Tx = {
      ...this.writable,
      changes,
      savepoint: optimistic
        ? <R>(inner: () => R): R => {
            try {
              return inner();
            } catch (error) {
              savepointThrew = true;
              throw error;
            }
          }
        : <R>(inner: () => R): R => {
            try {
              return this.inTransaction(inner) as R;
            } catch (error) {
              this.forgetCached();
              throw error;
            }
          },
    };
    let savepointThrew = false;
    const changesBefore = this.fullSince === undefined ? 0 : this.totalChanges();
    let result: T;
    try {
      result = this.inTransaction(() => {
        // Without savepoints nothing needs an order's row or a receipt before the end: each is written once, at the end.
        if (optimistic) for (const writer of this.deferredWriters) writer.deferWrites();
        const value = work(tx);
        // Its partial writes are in this transaction: roll all of it back.
        if (savepointThrew) throw new OptimismFailed('a savepoint threw in an optimistic transaction');
        if (optimistic) for (const writer of this.deferredWriters) writer.writeDeferred();
        return value;
      }) as T;
    } catch (error) {
      // Rolled back: what this transaction wrote is not there.
      this.forgetCached();
      this.writable.audit.forgetPending();
      if (error instanceof OptimismFailed) return { ok: false };
      if (isStorageFull(error) && this.fullSince === undefined) {
        this.fullSince = systemClock.now();
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
    return { ok: true, value: result };
  }

  /** What the connection remembers of rows it wrote may be newer than the rows after a rollback. */
  private forgetCached(): void {
    this.offsets.forgetCached();
    this.orders.forgetCached();
    this.writable.queue.forgetCached();
    this.writable.parked.forgetCached();
  }

  /** When writes started failing for lack of disk space, or undefined while they succeed. */
  get storageFullSince(): number | undefined {
    return this.fullSince;
  }

  /** Rows this connection has inserted, updated or deleted since it opened. */
  totalChanges(): number {
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
