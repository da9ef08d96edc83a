import type { KitchenEvent } from '../../../shared/kitchen-events';

/**
 * Stamps order kitchen events last-writer-wins: "<occurredAt>|<eventId>", compared as text.
 * The time is normalised to UTC ISO first, so events from terminals that write their offset
 * differently ("+02:00", no milliseconds) still compare by time; the event id breaks ties.
 * Every stamp of the core is built here.
 */
export function stampOf(event: Pick<KitchenEvent, 'occurredAt' | 'eventId'>): string {
  return `${utcIso(event.occurredAt)}|${event.eventId}`;
}

/** Already UTC ISO with milliseconds, as terminals write it: no parse (a report stamps every event of a week). */
const CANONICAL = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

/** A time (validated ISO 8601, any offset or precision) as UTC ISO with milliseconds. */
export function utcIso(time: string): string {
  return CANONICAL.test(time) ? time : new Date(time).toISOString();
}

/** The time of a stamp, ms (0 for the empty stamp of a scope never bumped). */
export function stampTime(stamp: string): number {
  const time = Date.parse(stamp.split('|')[0] ?? '');
  return Number.isNaN(time) ? 0 : time;
}

/** The time of a stamp as UTC ISO. */
export function stampIso(stamp: string): string {
  return new Date(stampTime(stamp)).toISOString();
}

/** Whether an event stamped `stamp` wins over what `known` wrote (nothing written yet: it wins). */
export function wins(stamp: string, known: string | undefined): boolean {
  return known === undefined || stamp > known;
}

/**
 * Of each key's events, the last writer (the newest stamp). `stamp` reads an event's stamp,
 * for rows that name their fields differently.
 */
export function lastWriters<T>(events: Iterable<T>, keyOf: (event: T) => string, stamp: (event: T) => string): Map<string, T> {
  const newest = new Map<string, T>();
  const stamps = new Map<string, string>();
  for (const event of events) {
    const key = keyOf(event);
    const own = stamp(event);
    if (!wins(own, stamps.get(key))) continue;
    newest.set(key, event);
    stamps.set(key, own);
  }
  return newest;
}

/**
 * When a cook's new action happens: now, but never before the newest kitchen event known for
 * the order. An action taken after seeing another screen's action must win over it, even when
 * this terminal's clock runs behind.
 */
export function actionTime(now: number, latestStamp: string | null): number {
  return Math.max(now, latestStamp === null ? 0 : stampTime(latestStamp) + 1);
}
