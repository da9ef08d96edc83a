import type { KitchenEvent } from '../../../shared/kitchen-events';
import type { OrderItem, OrderSnapshot } from '../../../shared/order-events';

/** The scope of an expo's whole-ticket actions; any other scope is a station's part. */
export const WHOLE_TICKET = '';

export interface ScopeProgress {
  startedAt: string | null;
  bumped: boolean;
  /** Orders last-writer-wins updates: "<occurredAt>|<eventId>". */
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

export const NO_KITCHEN_STATE: KitchenState = { scopes: new Map(), doneLines: new Set() };

export const NO_PROGRESS: ScopeProgress = { startedAt: null, bumped: false, bumpStamp: '', bumpedVersion: null, voidAcknowledged: false };

export function scopeOf(event: Pick<KitchenEvent, 'station'>): string {
  return event.station ?? WHOLE_TICKET;
}

/** Timestamps are normalised so stamps of events from any terminal compare as text. */
export function stampOf(event: Pick<KitchenEvent, 'occurredAt' | 'eventId'>): string {
  return `${new Date(event.occurredAt).toISOString()}|${event.eventId}`;
}

export function stampTime(stamp: string): number {
  const time = Date.parse(stamp.split('|')[0] ?? '');
  return Number.isNaN(time) ? 0 : time;
}

/**
 * A bump covers the version of the order it was taken on. After it, a cancel brings the ticket
 * back as VOID (to acknowledge), and a change of the lines in scope brings it back MODIFIED;
 * payment or completion do not. `atBump` is the order's snapshot at the bumped version;
 * `lines` picks the lines of the scope (a station's, or all for the whole ticket).
 */
export function reopenedAfterBump(
  progress: ScopeProgress,
  order: { appliedVersion: number; status: string; snapshot: OrderSnapshot | null },
  atBump: OrderSnapshot | null,
  lines: (item: OrderItem) => boolean,
): 'VOID' | 'MODIFIED' | null {
  if (!progress.bumped || progress.bumpedVersion === null || order.appliedVersion <= progress.bumpedVersion) return null;
  if (order.status === 'CANCELLED') return 'VOID';
  if (order.status !== 'OPEN' || !order.snapshot || !atBump) return null;
  const now = JSON.stringify(order.snapshot.items.filter(lines));
  return now === JSON.stringify(atBump.items.filter(lines)) ? null : 'MODIFIED';
}
