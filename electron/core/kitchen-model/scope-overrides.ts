import type { OrderItem } from '../../../shared/order-events';
import { ownProgress, WHOLE_TICKET, type KitchenState, type ScopeProgress } from './kitchen-state';

/**
 * A scope's progress as every screen sees it: expo's bump of the whole ticket covers every
 * station (with the whole ticket's stamp and version), unless the station bumped again since.
 */
export function progressOf(kitchen: KitchenState, scope: string): ScopeProgress {
  const own = ownProgress(kitchen, scope);
  const whole = ownProgress(kitchen, WHOLE_TICKET);
  if (scope === WHOLE_TICKET || !whole.bumped || (own.bumped && own.bumpStamp > whole.bumpStamp)) return own;
  return { ...own, bumped: true, bumpStamp: whole.bumpStamp, bumpedVersion: whole.bumpedVersion };
}

/** The lines a scope covers: a station's, or every line for the whole ticket. */
export function linesOfScope(scope: string): (item: OrderItem) => boolean {
  return (item) => scope === WHOLE_TICKET || item.station === scope;
}

/** A scope a cook recalled after it was bumped (a completed order stays on that screen, shown DONE). */
export function recalledAfterBump(progress: ScopeProgress): boolean {
  return !progress.bumped && progress.bumpStamp !== '';
}

/**
 * For reports: when a station's part of a ticket was finished, from each scope's final bump
 * (ms): its own, else expo's bump of the whole ticket.
 */
export function stationFinishedAt(finalBumps: ReadonlyMap<string, number>, station: string): number | undefined {
  return finalBumps.get(station) ?? finalBumps.get(WHOLE_TICKET);
}

/** For reports: when the whole ticket was finished: expo's bump, else the last station's once every station has finished. */
export function ticketFinishedAt(finalBumps: ReadonlyMap<string, number>, stations: readonly string[]): number | undefined {
  const whole = finalBumps.get(WHOLE_TICKET);
  if (whole !== undefined) return whole;
  const finished = stations.map((station) => stationFinishedAt(finalBumps, station));
  return finished.every((at) => at !== undefined) ? Math.max(...finished.map((at) => at ?? 0)) : undefined;
}
