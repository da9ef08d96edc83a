import type { KitchenEvent } from '../../../shared/kitchen-events';
import type { OrderSnapshot } from '../../../shared/order-events';

/** The scope of an expo's whole-ticket actions; any other scope is a station's part. */
export const WHOLE_TICKET = '';

export interface ScopeProgress {
  startedAt: string | null;
  bumped: boolean;
  /** Orders last-writer-wins updates: "<occurredAt>|<eventId>" (see stamps.ts). */
  bumpStamp: string;
  /** The order's version the bump covered (null: unknown, an older terminal's bump, or not bumped). */
  bumpedVersion: number | null;
  voidAcknowledged: boolean;
}

/** What the kitchen did to one order, on any screen of the kitchen. */
export interface KitchenState {
  scopes: ReadonlyMap<string, ScopeProgress>;
  doneLines: ReadonlySet<string>;
  /** When each done line was struck (UTC ISO), for course pacing. */
  doneAt?: ReadonlyMap<string, string>;
  /** Courses a cook fired before their time, and when. */
  courseFiredAt?: ReadonlyMap<number, string>;
}

/** What the kitchen rules need of an order (the store's order record has all of it). */
export interface KitchenOrder {
  orderId: string;
  appliedVersion: number;
  status: 'OPEN' | 'CANCELLED' | 'COMPLETED';
  snapshot: OrderSnapshot | null;
  /** The order before its last update, for what that update changed. */
  previousSnapshot: OrderSnapshot | null;
  placedAt: string | null;
  updatedAt: string;
  /** When its last change of content happened (trusted time). */
  modifiedAt?: string | null;
}

export const NO_KITCHEN_STATE: KitchenState = { scopes: new Map(), doneLines: new Set() };

export const NO_PROGRESS: ScopeProgress = { startedAt: null, bumped: false, bumpStamp: '', bumpedVersion: null, voidAcknowledged: false };

export function scopeOf(event: Pick<KitchenEvent, 'station'>): string {
  return event.station ?? WHOLE_TICKET;
}

/** A scope's own progress, as stored (see scope-overrides.ts for what a screen makes of it). */
export function ownProgress(kitchen: KitchenState, scope: string): ScopeProgress {
  return kitchen.scopes.get(scope) ?? NO_PROGRESS;
}
