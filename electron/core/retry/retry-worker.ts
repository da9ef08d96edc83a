import type { OrderDetailClient } from '../enrich/order-detail-client';
import { applyAuthoritativeSnapshot } from '../ingest/apply-event';
import { drainParked, forceApplyParked, sequenceEvent } from '../ingest/sequencer';
import type { IngestStore, QueueEntry } from '../store/ingest-store';
import { backoffDelay } from './backoff';

export interface RetryWorkerOptions {
  client: OrderDetailClient | undefined;
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  gapTimeoutMs: number;
  /** Orders worked on at once; each order has at most one attempt in flight. */
  concurrency?: number;
  tickMs?: number;
  onChange: () => void;
  log: (message: string) => void;
}

const DEDUPE_RETENTION_MS = 7 * 24 * 3600_000;

/**
 * Works the durable retry queue and the gap timeouts off the consumer's path: HTTP waits
 * happen here, so a failing order-detail API never stalls the partition, and one order's
 * failures never hold back another order.
 */
export class RetryWorker {
  private timer: NodeJS.Timeout | undefined;
  private readonly inFlight = new Map<string, Promise<void>>();
  private lastPrune = 0;
  private ticking = false;

  constructor(
    private readonly store: IngestStore,
    private readonly options: RetryWorkerOptions,
  ) {}

  start(): void {
    if (this.timer) return;
    const loop = (): void => {
      this.timer = setTimeout(() => {
        this.tick();
        if (this.timer) loop();
      }, this.options.tickMs ?? 100);
    };
    loop();
  }

  async stop(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    await Promise.allSettled([...this.inFlight.values()]);
  }

  /** One pass: gap timeouts, then due queue heads. Public so tests can drive time. */
  tick(now = Date.now()): void {
    if (this.ticking) return;
    this.ticking = true;
    try {
      this.resolveGaps(now);
      const free = (this.options.concurrency ?? 8) - this.inFlight.size;
      if (free <= 0) return;
      for (const entry of this.store.dueHeads(now, free + this.inFlight.size)) {
        if (this.inFlight.has(entry.orderId) || this.inFlight.size >= (this.options.concurrency ?? 8)) continue;
        const work = this.attempt(entry).finally(() => this.inFlight.delete(entry.orderId));
        this.inFlight.set(entry.orderId, work);
      }
      if (now - this.lastPrune > 3600_000) {
        this.lastPrune = now;
        this.store.pruneAppliedBefore(now - DEDUPE_RETENTION_MS);
      }
    } finally {
      this.ticking = false;
    }
  }

  private resolveGaps(now: number): void {
    const overdue = this.store.overdueGaps(now - this.options.gapTimeoutMs);
    if (overdue.length === 0) return;
    this.store.db.transaction(() => {
      for (const orderId of overdue) {
        if (this.options.client) this.store.enqueue(orderId, 'RESOLVE_GAP', null, now);
        else {
          forceApplyParked(this.store, orderId, now);
          drainParked(this.store, orderId, { canEnrich: false, now });
        }
      }
    })();
    this.options.onChange();
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
    const now = Date.now();
    this.store.db.transaction(() => {
      const outcome = sequenceEvent(this.store, event, { fromQueueHead: true, canEnrich: this.options.client !== undefined, now });
      if (outcome === 'needs-enrichment') this.store.rekind(entry.id, 'ENRICH', now);
      else {
        this.store.dequeue(entry.id);
        this.store.wakeOrder(entry.orderId, now);
      }
    })();
    this.options.onChange();
  }

  private async runEnrichment(entry: QueueEntry): Promise<void> {
    const event = entry.event;
    const client = this.options.client;
    if (!event || !client) return this.finish(entry);
    const result = await client.fetch(event.orderId, event.version);
    if (result.kind === 'retry') return this.fail(entry, result.reason);
    const now = Date.now();
    this.store.db.transaction(() => {
      if (!this.store.queueEntry(entry.id)) return;
      this.store.dequeue(entry.id);
      sequenceEvent(this.store, event, { fromQueueHead: true, snapshot: result.detail.order, canEnrich: true, now });
      this.store.wakeOrder(entry.orderId, now);
    })();
    this.options.onChange();
  }

  private async runGapResolution(entry: QueueEntry): Promise<void> {
    const client = this.options.client;
    const parked = this.store.parkedOf(entry.orderId);
    const first = parked[0];
    if (!client || !first) return this.finish(entry);
    const result = await client.fetch(entry.orderId, first.version - 1);
    if (result.kind === 'retry') return this.fail(entry, result.reason);
    const { version, order: snapshot } = result.detail;
    const now = Date.now();
    this.store.db.transaction(() => {
      const current = this.store.getOrder(entry.orderId);
      let next = applyAuthoritativeSnapshot(current, entry.orderId, first.merchantId, version, snapshot, new Date(now).toISOString());
      // The snapshot carries the items, not payment or completion: keep those from the skipped events.
      for (const event of this.store.parkedOf(entry.orderId).filter((e) => e.version <= version)) {
        if (event.type === 'ORDER_PAID') next = { ...next, paid: true };
        if (event.type === 'ORDER_COMPLETED') next = { ...next, status: 'COMPLETED' };
        this.store.markApplied(event.eventId, entry.orderId, now);
      }
      this.store.saveOrder(next);
      this.store.unparkUpTo(entry.orderId, version);
      this.store.dequeue(entry.id);
      drainParked(this.store, entry.orderId, { canEnrich: true, now });
      this.store.wakeOrder(entry.orderId, now);
    })();
    this.options.onChange();
  }

  private finish(entry: QueueEntry): void {
    const now = Date.now();
    this.store.db.transaction(() => {
      this.store.dequeue(entry.id);
      this.store.wakeOrder(entry.orderId, now);
    })();
  }

  private fail(entry: QueueEntry, reason: string): void {
    const attempts = entry.attempts + 1;
    const now = Date.now();
    if (attempts < this.options.maxAttempts) {
      this.store.reschedule(entry.id, attempts, now + backoffDelay(attempts, this.options.baseDelayMs, this.options.maxDelayMs), reason);
      return;
    }
    this.store.db.transaction(() => {
      this.store.deadLetter(
        {
          reason: 'RETRIES_EXHAUSTED',
          detail: `${entry.kind} gave up after ${attempts} attempts: ${reason}`,
          orderId: entry.orderId,
          eventId: entry.event?.eventId,
          raw: entry.event ? Buffer.from(JSON.stringify(entry.event)) : undefined,
        },
        now,
      );
      this.store.setAlert(entry.orderId, `Order data could not be completed: ${reason}`);
      this.store.dequeue(entry.id);
      this.store.wakeOrder(entry.orderId, now);
    })();
    this.options.log(`dead-lettered ${entry.kind} for order ${entry.orderId} after ${attempts} attempts: ${reason}`);
    this.options.onChange();
  }
}
