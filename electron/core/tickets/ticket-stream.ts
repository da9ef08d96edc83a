import { VOID_KEPT_MS } from '../store/order-repository';
import type { TicketDelta } from '../../../shared/app-api';
import { DEFAULT_KITCHEN_TIMING, type KitchenTiming } from '../../../shared/kitchen-timing';
import { compareTickets, type Ticket } from '../../../shared/ticket';
import { systemClock, type Clock } from '../lib/clock';
import { SupervisedLoop } from '../lib/supervised-loop';
import type { ReadRepositories } from '../store/storage';
import { DEFAULT_PREP_MINUTES } from '../kitchen-model/course-timing';
import { NO_KITCHEN_STATE } from '../kitchen-model/kitchen-state';
import { itemKey, type OrderAnswer } from '../store/kitchen-answers';
import type { OrderRecord } from '../store/order-repository';
import { acceptanceOf } from './acceptance';
import { projectTicket } from './project-ticket';

/** During a burst (a backlog draining), deltas go out at most this often (docs/DESIGN.md §5). */
export const DEFAULT_COALESCE_MS = 100;
/** Outside bursts, at most one delta per display frame: a live order is on screen within one. */
export const LIVE_GAP_MS = 16;
/** A delta with more changed tickets than this is a burst: the next one waits the coalescing window. */
const BURST_TICKETS = 32;
/** Scheduled orders reach their fire time without any event: look again this often. */
const FIRE_TIME_SWEEP_MS = 15_000;

/** The kitchen's answer to the platform and its 86'd items, on the ticket. */
function withAnswers(ticket: Ticket, order: OrderRecord, answer: OrderAnswer | undefined, unavailable: ReadonlySet<string>): Ticket {
  const unavailableLines =
    unavailable.size === 0 ? [] : ticket.items.filter((item) => unavailable.has(itemKey(item.name))).map((item) => item.lineId);
  return { ...ticket, acceptance: acceptanceOf(order, answer), unavailableLines };
}

export interface TicketStreamOptions {
  /** The terminal's stations (empty: expo, every station). */
  stations?: readonly string[];
  /** Synchronized item timing and course pacing (off by default). */
  timing?: KitchenTiming;
  /** Orders this screen shows for the first time (for the audit trail), with when. */
  onFirstShown?: (orderIds: string[], at: number) => void;
  coalesceMs?: number;
  clock?: Clock;
  onError?: (name: string, error: Error) => void;
}

/**
 * The screen's ordered view: every visible change bumps one global sequence number, and
 * changes are coalesced into deltas `{ seq, upserts, removes }` sent at most every `coalesceMs`.
 */
export class TicketStream {
  private seq = 0;
  private readonly visible = new Map<string, Ticket>();
  private readonly dirty = new Set<string>();
  private readonly listeners = new Set<(delta: TicketDelta) => void>();
  private readonly loop: SupervisedLoop;
  private readonly clock: Clock;
  private readonly stations: readonly string[];
  private readonly coalesceMs: number;
  private readonly timing: KitchenTiming;
  private readonly onFirstShown: (orderIds: string[], at: number) => void;
  private nextSweep: number;
  private lastDeltaAt = -Infinity;
  private lastDeltaSize = 0;

  constructor(
    private readonly repositories: Pick<ReadRepositories, 'orders' | 'kitchen' | 'answers'>,
    options: TicketStreamOptions = {},
  ) {
    this.clock = options.clock ?? systemClock;
    this.stations = options.stations ?? [];
    this.coalesceMs = options.coalesceMs ?? DEFAULT_COALESCE_MS;
    this.timing = options.timing ?? DEFAULT_KITCHEN_TIMING;
    this.onFirstShown = options.onFirstShown ?? (() => undefined);
    this.nextSweep = this.clock.now() + FIRE_TIME_SWEEP_MS;
    for (const orderId of repositories.orders.onScreenIds(new Date(this.clock.now() - VOID_KEPT_MS).toISOString())) this.dirty.add(orderId);
    this.flush();
    this.loop = new SupervisedLoop({
      name: 'ticket stream',
      tick: () => this.tick(),
      onError: options.onError ?? (() => undefined),
      clock: this.clock,
    });
    this.loop.start();
  }

  subscribe(listener: (delta: TicketDelta) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  snapshot(): { seq: number; tickets: Ticket[] } {
    return { seq: this.seq, tickets: [...this.visible.values()].sort(compareTickets) };
  }

  /**
   * Marks orders whose tickets may have changed. A change leaves at once, or within a display
   * frame of the last delta; during a burst deltas leave at most every `coalesceMs` (docs/DESIGN.md §5).
   */
  invalidate(orderIds: Iterable<string>): void {
    for (const id of orderIds) this.dirty.add(id);
    if (this.dirty.size === 0) return;
    const burst = this.lastDeltaSize > BURST_TICKETS || this.dirty.size > BURST_TICKETS;
    const sinceLast = this.clock.now() - this.lastDeltaAt;
    this.loop.wake(Math.max(0, (burst ? this.coalesceMs : Math.min(LIVE_GAP_MS, this.coalesceMs)) - sinceLast));
  }

  /** Computes and sends pending changes now (commands use it so the tapping cook sees the result at once). */
  flush(): TicketDelta | undefined {
    if (this.dirty.size === 0) return undefined;
    const now = new Date(this.clock.now());
    const upserts: Ticket[] = [];
    const removes: string[] = [];
    const appeared: string[] = [];
    const kitchenStates = this.repositories.kitchen.states([...this.dirty]);
    const answers = this.repositories.answers.answersOf([...this.dirty]);
    const unavailable = new Set(this.repositories.answers.unavailable(now.getTime()).map((entry) => itemKey(entry.item)));
    for (const orderId of this.dirty) {
      const order = this.repositories.orders.get(orderId);
      const projected = order
        ? projectTicket(
            order,
            kitchenStates.get(orderId) ?? NO_KITCHEN_STATE,
            now,
            this.stations,
            (version) => this.repositories.orders.snapshotAt(orderId, version),
            this.timing,
          )
        : null;
      const ticket = projected && order && withAnswers(projected, order, answers.get(orderId), unavailable);
      const before = this.visible.get(orderId);
      if (ticket) {
        if (!before) appeared.push(orderId);
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
    if (appeared.length > 0) this.onFirstShown(appeared, now.getTime());
    if (upserts.length === 0 && removes.length === 0) return undefined;
    this.seq += 1;
    this.lastDeltaAt = this.clock.now();
    this.lastDeltaSize = upserts.length + removes.length;
    const delta = { seq: this.seq, upserts, removes };
    for (const listener of this.listeners) listener(delta);
    return delta;
  }

  async close(): Promise<void> {
    await this.loop.stop();
    this.listeners.clear();
  }

  private tick(): number {
    const now = this.clock.now();
    if (now >= this.nextSweep) {
      this.nextSweep = now + FIRE_TIME_SWEEP_MS;
      const until = new Date(now + DEFAULT_PREP_MINUTES * 60_000).toISOString();
      for (const orderId of this.repositories.orders.scheduledDueBy(until)) this.dirty.add(orderId);
    }
    this.flush();
    return this.nextSweep - now;
  }
}
