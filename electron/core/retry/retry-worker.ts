import type { OrderDetailClient } from '../enrich/order-detail-client';
import { applyAuthoritativeSnapshot } from '../ingest/apply-event';
import { drainParked, forceApplyParked, sequenceEvent } from '../ingest/sequencer';
import { backoffDelay } from '../lib/backoff';
import { systemClock, type Clock } from '../lib/clock';
import { SupervisedLoop } from '../lib/supervised-loop';
import { withEventId } from '../store/applied-event-ids';
import type { QueueEntry } from '../store/retry-queue';
import type { Storage } from '../store/storage';

export interface RetryWorkerOptions {
  client: OrderDetailClient | undefined;
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  gapTimeoutMs: number;
  /** Orders worked on at once; each order has at most one attempt in flight. */
  concurrency?: number;
  log: (message: string) => void;
  /** A pass that threw (a database error): reported, and the loop carries on. */
  onError: (name: string, error: Error) => void;
  clock?: Clock;
  random?: () => number;
}

/** Longest sleep with nothing due (a safety net: enqueues and parks wake the worker). */
const MAX_IDLE_MS = 5_000;
/** How soon work that is due but waiting on an attempt in flight is looked at again. */
const DUE_AGAIN_MS = 50;

/**
 * Works the durable retry queue and the gap timeouts off the consumer's path: HTTP waits
 * happen here, so a failing order-detail API never stalls the partition, and one order's
 * failures never hold back another order.
 */
export class RetryWorker {
  private readonly inFlight = new Map<string, Promise<void>>();
  private readonly loop: SupervisedLoop;
  private readonly clock: Clock;

  constructor(
    private readonly storage: Storage,
    private readonly options: RetryWorkerOptions,
  ) {
    this.clock = options.clock ?? systemClock;
    this.loop = new SupervisedLoop({
      name: 'retry worker',
      // Sleeps until the next thing is due instead of polling: an idle kitchen terminal costs next to nothing.
      tick: () => {
        const now = this.clock.now();
        this.tick(now);
        return this.untilNextDue(now);
      },
      backoff: { baseMs: 100, capMs: 10_000 },
      onError: options.onError,
      clock: this.clock,
    });
  }

  start(): void {
    this.loop.start();
  }

  /** Something may have been queued or parked: look now (the terminal calls it on every change). */
  wake(): void {
    this.loop.wake();
  }

  /**
   * Milliseconds until the next queue entry or gap timeout falls due. Work
   * due already but not started (its order has an attempt in flight) is looked at again shortly.
   * Nothing queued: a pass every few seconds only, which also notices a clock that jumped.
   */
  private untilNextDue(now: number): number {
    const parkedAt = this.storage.parked.oldestUnqueuedParkedAt();
    const due = [
      this.storage.queue.nextAttemptAt(),
      parkedAt === undefined ? undefined : parkedAt + this.options.gapTimeoutMs,
      now + MAX_IDLE_MS,
    ].filter((at): at is number => at !== undefined);
    return Math.max(DUE_AGAIN_MS, Math.min(...due) - now);
  }

  async stop(): Promise<void> {
    await this.loop.stop();
    await Promise.allSettled([...this.inFlight.values()]);
  }

  /** Resolves once every attempt started so far has finished (tests drive `tick(now)` and wait here). */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight.values()]);
  }

  /** One pass at `now`: gap timeouts, then due queue heads. */
  tick(now: number): void {
    this.resolveGaps(now);
    const concurrency = this.options.concurrency ?? 8;
    const free = concurrency - this.inFlight.size;
    if (free > 0) {
      for (const entry of this.storage.queue.dueHeads(now, free + this.inFlight.size)) {
        if (this.inFlight.has(entry.orderId) || this.inFlight.size >= concurrency) continue;
        const work = this.attempt(entry).finally(() => {
          this.inFlight.delete(entry.orderId);
          // Its outcome (done, rescheduled, the next entry of the order) decides what is due next.
          this.loop.wake();
        });
        this.inFlight.set(entry.orderId, work);
      }
    }
  }

  private resolveGaps(now: number): void {
    const overdue = this.storage.parked.overdue(now - this.options.gapTimeoutMs);
    if (overdue.length === 0) return;
    this.storage.transact((tx) => {
      tx.changes.status = true;
      for (const orderId of overdue) {
        if (this.options.client) tx.queue.enqueue(orderId, 'RESOLVE_GAP', null, now);
        else {
          forceApplyParked(tx, orderId, now);
          drainParked(tx, orderId, { canEnrich: false, now });
        }
      }
    });
  }

  private async attempt(entry: QueueEntry): Promise<void> {
    try {
      if (entry.kind === 'EVENT') return this.runQueuedEvent(entry);
      if (entry.kind === 'ENRICH') return await this.runEnrichment(entry);
      return await this.runGapResolution(entry);
    } catch (error) {
      this.fail(entry, `failed: ${(error as Error).message}`);
    }
  }

  private runQueuedEvent(entry: QueueEntry): void {
    const event = entry.event;
    if (!event) return this.finish(entry);
    const now = this.clock.now();
    this.storage.transact((tx) => {
      tx.changes.status = true;
      const outcome = sequenceEvent(tx, event, { fromQueueHead: true, canEnrich: this.options.client !== undefined, now });
      if (outcome === 'needs-enrichment') tx.queue.rekind(entry.id, 'ENRICH', now);
      else {
        tx.queue.remove(entry.id);
        tx.queue.wakeOrder(entry.orderId, now);
      }
    });
  }

  private async runEnrichment(entry: QueueEntry): Promise<void> {
    const event = entry.event;
    const client = this.options.client;
    if (!event || !client) return this.finish(entry);
    const result = await client.fetch(event.orderId, event.version);
    if (result.kind === 'retry') return this.fail(entry, result.reason);
    const now = this.clock.now();
    this.storage.transact((tx) => {
      if (!tx.queue.entry(entry.id)) return;
      tx.changes.status = true;
      tx.queue.remove(entry.id);
      sequenceEvent(tx, event, { fromQueueHead: true, snapshot: result.detail.order, canEnrich: true, now });
      tx.queue.wakeOrder(entry.orderId, now);
    });
  }

  private async runGapResolution(entry: QueueEntry): Promise<void> {
    const client = this.options.client;
    const first = this.storage.parked.of(entry.orderId)[0];
    if (!client || !first) return this.finish(entry);
    const result = await client.fetch(entry.orderId, first.version - 1);
    if (result.kind === 'retry') return this.fail(entry, result.reason);
    const { version, order: snapshot } = result.detail;
    const now = this.clock.now();
    this.storage.transact((tx) => {
      const current = tx.orders.get(entry.orderId);
      let next = applyAuthoritativeSnapshot(current, entry.orderId, first.merchantId, version, snapshot, new Date(now).toISOString());
      // The snapshot carries the items, not payment or completion: keep those from the skipped events.
      for (const event of tx.parked.of(entry.orderId).filter((e) => e.version <= version)) {
        if (event.type === 'ORDER_PAID') next = { ...next, paid: true };
        if (event.type === 'ORDER_COMPLETED') next = { ...next, status: 'COMPLETED' };
        // Their ids, so a copy read later is counted a duplicate (their versions are covered by the snapshot's).
        next = { ...next, appliedEventIds: withEventId(next.appliedEventIds, event.eventId) };
      }
      tx.orders.save(tx.orders.snapshotReplaced(current, next, version));
      tx.changes.order(entry.orderId);
      tx.parked.removeUpTo(entry.orderId, version);
      tx.queue.remove(entry.id);
      drainParked(tx, entry.orderId, { canEnrich: true, now });
      tx.queue.wakeOrder(entry.orderId, now);
    });
  }

  private finish(entry: QueueEntry): void {
    const now = this.clock.now();
    this.storage.transact((tx) => {
      tx.changes.status = true;
      tx.queue.remove(entry.id);
      tx.queue.wakeOrder(entry.orderId, now);
    });
  }

  private fail(entry: QueueEntry, reason: string): void {
    const attempts = entry.attempts + 1;
    const now = this.clock.now();
    if (attempts < this.options.maxAttempts) {
      const delay = backoffDelay(attempts, this.options.baseDelayMs, this.options.maxDelayMs, this.options.random);
      this.storage.transact((tx) => tx.queue.reschedule(entry.id, attempts, now + delay, reason));
      return;
    }
    this.storage.transact((tx) => {
      tx.deadLetters.add(
        {
          reason: 'RETRIES_EXHAUSTED',
          detail: `${entry.kind} gave up after ${attempts} attempts: ${reason}`,
          orderId: entry.orderId,
          eventId: entry.event?.eventId,
          raw: entry.event ? Buffer.from(JSON.stringify(entry.event)) : undefined,
        },
        now,
      );
      if (tx.orders.setAlert(entry.orderId, `Order data could not be completed: ${reason}`)) tx.changes.order(entry.orderId);
      tx.changes.status = true;
      tx.queue.remove(entry.id);
      tx.queue.wakeOrder(entry.orderId, now);
    });
    this.options.log(`dead-lettered ${entry.kind} for order ${entry.orderId} after ${attempts} attempts: ${reason}`);
  }
}
