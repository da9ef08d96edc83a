import type { KitchenEvent } from '../../../shared/kitchen-events';

/** The scope of an expo's whole-ticket actions; any other scope is a station's part. */
export const WHOLE_TICKET = '';

export interface ScopeProgress {
  startedAt: string | null;
  bumped: boolean;
  /** Orders last-writer-wins updates: "<occurredAt>|<eventId>". */
  bumpStamp: string;
  voidAcknowledged: boolean;
}

/** What the kitchen did to one order, on any screen of the kitchen. */
export interface KitchenState {
  scopes: ReadonlyMap<string, ScopeProgress>;
  doneLines: ReadonlySet<string>;
}

export const NO_KITCHEN_STATE: KitchenState = { scopes: new Map(), doneLines: new Set() };

export const NO_PROGRESS: ScopeProgress = { startedAt: null, bumped: false, bumpStamp: '', voidAcknowledged: false };

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
