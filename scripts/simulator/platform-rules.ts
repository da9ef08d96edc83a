import type { KitchenEvent } from '../../shared/kitchen-events';
import type { OrderEvent } from '../../shared/order-events';
import { KitchenAvailability } from './platform-kitchen-state';
import type { PlatformProfile } from './platform-profiles';
import { TimeScale } from './platform-profiles';
import { summarizeMerchant, type MerchantReport } from './platform-report';
import { seededRandom } from './random';

export const NOT_ACCEPTED_IN_TIME = 'not accepted in time';

/** Courier travel to the kitchen once it says ready, in real minutes: between these, most near the middle. */
export const COURIER_TRAVEL_MINUTES = { min: 2, max: 10 } as const;

/** Everything the platform learnt of one order it placed, in wall-clock ms; the report is computed from these. */
export interface PlacedOrder {
  readonly orderId: string;
  readonly merchantId: string;
  readonly placedAt: number;
  readonly acceptBy: number | null;
  /** Every station with lines on the order: ready is due only once each is bumped (or expo bumped the whole ticket). */
  readonly stations: readonly string[];
  /** The order's last event's version: the platform's next event takes the one after. */
  version: number;
  outcome: 'OPEN' | 'CANCELLED' | 'COMPLETED';
  cancelledFor: 'DEADLINE' | 'REJECTED' | null;
  /** The kitchen's first answer, as the platform took it (an answer after the cancellation is late, not taken). */
  answer: { accepted: boolean; at: number } | null;
  /** When the kitchen promised it ready: the acceptance's time plus its minutes, or the last prep-time update's. */
  promisedReadyAt: number | null;
  /** The earliest TICKET_SHOWN of any screen. */
  shownAt: number | null;
  readyAt: number | null;
  pickupAt: number | null;
  bumpedStations: Set<string>;
  wholeTicketBumped: boolean;
  signals: { accepted: number; rejected: number; ready: number; prematureReady: number; lateAnswers: number; readyAfterCancel: number };
  /** TICKET_SHOWN per station ('' = expo): more than one for a station means the kitchen said "shown" twice. */
  shownPerStation: Map<string, number>;
}

/** Mistakes of the simulated platform itself (never the kitchen's): each must stay 0. */
export interface PlatformSelfCheck {
  placedWhilePaused: number;
  placedWithUnavailableItem: number;
}

/** Customers who came to order while the kitchen was paused, or when nothing they wanted was offered. */
export interface TurnedAway {
  paused: number;
  nothingOffered: number;
}

export interface PlatformRulesOptions {
  profile: PlatformProfile;
  merchants: readonly string[];
  timeScale: number;
  /** Courier travel times are drawn from this seed, so one input replays the same day. */
  seed: number;
}

/**
 * A delivery platform holding kitchens to their answers, as a pure state machine: fed the orders
 * it placed, the kitchen-events records in topic order and the clock, it decides what the platform
 * produces next (cancellations and pickups, as order events) and keeps what its report needs.
 */
export class PlatformRules {
  readonly scale: TimeScale;
  private readonly orders = new Map<string, PlacedOrder>();
  private readonly kitchens = new Map<string, KitchenAvailability>();
  private readonly selfChecks = new Map<string, PlatformSelfCheck>();
  private readonly turnedAway = new Map<string, TurnedAway>();
  private readonly random: () => number;

  constructor(private readonly options: PlatformRulesOptions) {
    this.scale = new TimeScale(options.timeScale);
    this.random = seededRandom(options.seed);
    for (const merchantId of options.merchants) {
      this.kitchens.set(merchantId, new KitchenAvailability());
      this.selfChecks.set(merchantId, { placedWhilePaused: 0, placedWithUnavailableItem: 0 });
      this.turnedAway.set(merchantId, { paused: 0, nothingOffered: 0 });
    }
  }

  /** How long this platform gives a kitchen to answer, on the wall clock. */
  acceptWindowMs(): number {
    return this.scale.wallMs(this.options.profile.acceptMinutes);
  }

  offers(merchantId: string, item: string, now: number): boolean {
    return this.kitchens.get(merchantId)?.offers(item, now) ?? true;
  }

  takesOrders(merchantId: string, now: number): boolean {
    return this.kitchens.get(merchantId)?.takesOrders(now) ?? true;
  }

  /** A customer who could not order (the kitchen paused, or everything drawn 86'd): reported, not placed. */
  customerTurnedAway(merchantId: string, why: keyof TurnedAway): void {
    const turnedAway = this.turnedAway.get(merchantId);
    if (turnedAway) turnedAway[why] += 1;
  }

  /** An ORDER_PLACED the platform produced. */
  placed(event: OrderEvent): void {
    const snapshot = event.order;
    if (event.type !== 'ORDER_PLACED' || !snapshot) throw new Error(`the platform places orders with a snapshot, got ${event.type}`);
    const placedAt = Date.parse(event.occurredAt);
    const check = this.selfChecks.get(event.merchantId);
    if (check && !this.takesOrders(event.merchantId, placedAt)) check.placedWhilePaused += 1;
    if (check && snapshot.items.some((item) => !this.offers(event.merchantId, item.name, placedAt))) check.placedWithUnavailableItem += 1;
    this.orders.set(event.orderId, {
      orderId: event.orderId,
      merchantId: event.merchantId,
      placedAt,
      acceptBy: snapshot.acceptBy ? Date.parse(snapshot.acceptBy) : null,
      stations: [...new Set(snapshot.items.map((item) => item.station))],
      version: event.version,
      outcome: 'OPEN',
      cancelledFor: null,
      answer: null,
      promisedReadyAt: null,
      shownAt: null,
      readyAt: null,
      pickupAt: null,
      bumpedStations: new Set(),
      wholeTicketBumped: false,
      signals: { accepted: 0, rejected: 0, ready: 0, prematureReady: 0, lateAnswers: 0, readyAfterCancel: 0 },
      shownPerStation: new Map(),
    });
  }

  /**
   * One kitchen-events record, read at `now`. Deadlines and pickups due by then are decided first,
   * so an answer that arrives after its deadline finds the order already cancelled.
   */
  read(event: KitchenEvent, now: number): OrderEvent[] {
    const decisions = this.due(now);
    this.kitchens.get(event.merchantId)?.apply(event);
    const order = this.orders.get(event.orderId);
    if (!order) return decisions; // Another run's order, a kitchen-wide signal, or another merchant's.
    const at = Date.parse(event.occurredAt);
    switch (event.type) {
      case 'TICKET_SHOWN': {
        order.shownAt = order.shownAt === null ? at : Math.min(order.shownAt, at);
        const station = event.station ?? '';
        order.shownPerStation.set(station, (order.shownPerStation.get(station) ?? 0) + 1);
        break;
      }
      case 'TICKET_BUMPED':
        if (event.station === undefined) order.wholeTicketBumped = true;
        else order.bumpedStations.add(event.station);
        break;
      case 'ORDER_ACCEPTED':
        order.signals.accepted += 1;
        if (this.takeAnswer(order, true, at)) order.promisedReadyAt = at + this.scale.wallMs(event.prepMinutes ?? 0);
        break;
      case 'PREP_TIME_UPDATED':
        if (order.answer?.accepted) order.promisedReadyAt = at + this.scale.wallMs(event.prepMinutes ?? 0);
        break;
      case 'ORDER_REJECTED':
        order.signals.rejected += 1;
        if (this.takeAnswer(order, false, at)) {
          decisions.push(this.cancel(order, 'REJECTED', now, `rejected by the kitchen: ${event.reason ?? 'no reason given'}`));
        }
        break;
      case 'ORDER_READY':
        this.ready(order, at, now);
        break;
    }
    return decisions;
  }

  /** What is due by `now` (deadline cancellations, pickups), in time order. */
  due(now: number): OrderEvent[] {
    const due: { at: number; decide: () => OrderEvent }[] = [];
    for (const order of this.orders.values()) {
      if (order.outcome !== 'OPEN') continue;
      if (order.answer === null && order.acceptBy !== null && order.acceptBy <= now) {
        due.push({ at: order.acceptBy, decide: () => this.cancel(order, 'DEADLINE', now, NOT_ACCEPTED_IN_TIME) });
      } else if (order.pickupAt !== null && order.pickupAt <= now) {
        const pickupAt = order.pickupAt;
        due.push({ at: pickupAt, decide: () => this.complete(order, pickupAt) });
      }
    }
    return due.sort((a, b) => a.at - b.at).map((entry) => entry.decide());
  }

  /** Orders neither cancelled nor picked up yet. */
  openOrders(): number {
    return [...this.orders.values()].filter((order) => order.outcome === 'OPEN').length;
  }

  report(): MerchantReport[] {
    return this.options.merchants.map((merchantId) =>
      summarizeMerchant(
        merchantId,
        [...this.orders.values()].filter((order) => order.merchantId === merchantId),
        this.selfChecks.get(merchantId) ?? { placedWhilePaused: 0, placedWithUnavailableItem: 0 },
        this.turnedAway.get(merchantId) ?? { paused: 0, nothingOffered: 0 },
        this.scale,
      ),
    );
  }

  /** The kitchen's first answer counts; one after the order was cancelled (its deadline passed) is late. */
  private takeAnswer(order: PlacedOrder, accepted: boolean, at: number): boolean {
    if (order.outcome === 'CANCELLED' && order.answer === null) order.signals.lateAnswers += 1;
    if (order.answer !== null || order.outcome !== 'OPEN') return false;
    order.answer = { accepted, at };
    return true;
  }

  private ready(order: PlacedOrder, at: number, now: number): void {
    order.signals.ready += 1;
    const allBumped = order.wholeTicketBumped || order.stations.every((station) => order.bumpedStations.has(station));
    if (!allBumped) order.signals.prematureReady += 1;
    if (order.outcome === 'CANCELLED') {
      order.signals.readyAfterCancel += 1;
      return;
    }
    if (order.readyAt !== null) return; // A second ready: counted above, no second courier.
    order.readyAt = at;
    // The courier is dispatched when the platform reads the signal, so its lag shows in the courier's wait.
    order.pickupAt = Math.round(now + this.scale.wallMs(this.travelMinutes()));
  }

  /** Two draws averaged: a triangular spread, most couriers near the middle, a few quick or slow. */
  private travelMinutes(): number {
    const { min, max } = COURIER_TRAVEL_MINUTES;
    return min + ((this.random() + this.random()) / 2) * (max - min);
  }

  private cancel(order: PlacedOrder, cause: 'DEADLINE' | 'REJECTED', now: number, reason: string): OrderEvent {
    order.outcome = 'CANCELLED';
    order.cancelledFor = cause;
    return this.nextEvent(order, 'ORDER_CANCELLED', now, reason);
  }

  private complete(order: PlacedOrder, pickupAt: number): OrderEvent {
    order.outcome = 'COMPLETED';
    return this.nextEvent(order, 'ORDER_COMPLETED', pickupAt);
  }

  private nextEvent(order: PlacedOrder, type: 'ORDER_CANCELLED' | 'ORDER_COMPLETED', at: number, reason?: string): OrderEvent {
    order.version += 1;
    return {
      // Deterministic: an order's n-th event has one id, so a replayed decision deduplicates.
      eventId: `${order.orderId}-v${order.version}`,
      type,
      orderId: order.orderId,
      merchantId: order.merchantId,
      version: order.version,
      occurredAt: new Date(at).toISOString(),
      ...(reason === undefined ? {} : { reason }),
    };
  }
}
