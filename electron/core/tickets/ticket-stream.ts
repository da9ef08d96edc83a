import type { TicketDelta } from '../../../shared/app-api';
import { compareTickets, type Ticket } from '../../../shared/ticket';
import type { IngestStore } from '../store/ingest-store';
import type { KitchenStore } from '../kitchen/kitchen-store';
import { projectTicket } from './project-ticket';

/** Deltas go out at most this often, however fast a backlog drains (DESIGN.md §5). */
export const DEFAULT_COALESCE_MS = 100;
/** Scheduled orders reach their fire time without any event: look again this often. */
const FIRE_TIME_SWEEP_MS = 15_000;

/**
 * The screen's ordered view: every visible change bumps one global sequence number, and
 * changes are coalesced into deltas `{ seq, upserts, removes }` sent at most every `coalesceMs`.
 */
export class TicketStream {
  private seq = 0;
  private readonly visible = new Map<string, Ticket>();
  private readonly dirty = new Set<string>();
  private readonly listeners = new Set<(delta: TicketDelta) => void>();
  private flushTimer: NodeJS.Timeout | undefined;
  private sweepTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly orders: IngestStore,
    private readonly kitchen: KitchenStore,
    /** The terminal's stations (empty: expo, every station). */
    private readonly stations: readonly string[] = [],
    private readonly coalesceMs = DEFAULT_COALESCE_MS,
    private readonly clock: () => Date = () => new Date(),
  ) {
    for (const order of orders.allOrders()) this.dirty.add(order.orderId);
    this.flush();
    this.sweepTimer = setInterval(() => {
      for (const order of this.orders.allOrders()) if (order.snapshot?.dueAt) this.dirty.add(order.orderId);
      this.schedule();
    }, FIRE_TIME_SWEEP_MS);
    this.sweepTimer.unref();
  }

  subscribe(listener: (delta: TicketDelta) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  snapshot(): { seq: number; tickets: Ticket[] } {
    return { seq: this.seq, tickets: [...this.visible.values()].sort(compareTickets) };
  }

  /** Marks orders whose tickets may have changed; a delta follows within `coalesceMs`. */
  invalidate(orderIds: Iterable<string>): void {
    for (const id of orderIds) this.dirty.add(id);
    this.schedule();
  }

  /** Computes and sends pending changes now (commands use it so the tapping cook sees the result at once). */
  flush(): TicketDelta | undefined {
    clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    if (this.dirty.size === 0) return undefined;
    const now = this.clock();
    const upserts: Ticket[] = [];
    const removes: string[] = [];
    for (const orderId of this.dirty) {
      const order = this.orders.getOrder(orderId);
      const ticket = order ? projectTicket(order, this.kitchen.state(orderId), now, this.stations) : null;
      const before = this.visible.get(orderId);
      if (ticket) {
        if (!before || JSON.stringify(before) !== JSON.stringify(ticket)) {
          this.visible.set(orderId, ticket);
          upserts.push(ticket);
        }
      } else if (before) {
        this.visible.delete(orderId);
        removes.push(orderId);
      }
    }
    this.dirty.clear();
    if (upserts.length === 0 && removes.length === 0) return undefined;
    this.seq += 1;
    const delta = { seq: this.seq, upserts, removes };
    for (const listener of this.listeners) listener(delta);
    return delta;
  }

  close(): void {
    clearTimeout(this.flushTimer);
    clearInterval(this.sweepTimer);
    this.listeners.clear();
  }

  private schedule(): void {
    if (this.flushTimer || this.dirty.size === 0) return;
    this.flushTimer = setTimeout(() => this.flush(), this.coalesceMs);
  }
}
