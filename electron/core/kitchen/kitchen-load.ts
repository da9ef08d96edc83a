import type { RequestOutput } from '../../../shared/app-api';
import type { KitchenTiming } from '../../../shared/kitchen-timing';
import { fireTimeOf } from '../kitchen-model/course-timing';
import { cookSecondsOf } from '../kitchen-model/item-timing';
import { NO_KITCHEN_STATE } from '../kitchen-model/kitchen-state';
import { scopeAfterBump } from '../kitchen-model/reopen-after-bump';
import type { ReadRepositories } from '../store/storage';

export type KitchenLoad = RequestOutput<'kitchenLoad'>;
export type StationLoad = KitchenLoad['stations'][number];

/**
 * What is still to cook, per station, read from the store: every open order fired to the kitchen
 * (a scheduled one counts from its fire time), each station's part that is still open by the
 * kitchen model (not bumped, or back after its bump), and its lines not struck, with their cook
 * times as item timing reads them. Cancelled and completed orders are no load.
 */
export function kitchenLoad(
  repositories: Pick<ReadRepositories, 'orders' | 'kitchen'>,
  timing: KitchenTiming,
  now: number,
  /** The order being quoted: its own lines are not load in front of it. */
  exceptOrderId?: string,
): KitchenLoad {
  const open = repositories.orders.onScreenIds(new Date(now).toISOString()).flatMap((orderId) => {
    if (orderId === exceptOrderId) return [];
    const order = repositories.orders.get(orderId);
    const fired = order?.status === 'OPEN' && Date.parse(fireTimeOf(order)) <= now;
    return fired && order.snapshot ? [{ order, items: order.snapshot.items }] : [];
  });
  const states = repositories.kitchen.states(open.map(({ order }) => order.orderId));
  const loads = new Map<string, StationLoad>();
  for (const { order, items } of open) {
    const kitchen = states.get(order.orderId) ?? NO_KITCHEN_STATE;
    const snapshotAt = (version: number) => repositories.orders.snapshotAt(order.orderId, version);
    for (const station of new Set(items.map((item) => item.station))) {
      if (!scopeAfterBump(order, kitchen, station, snapshotAt).open) continue;
      let load = loads.get(station);
      if (!load) loads.set(station, (load = { station, openTickets: 0, openItems: 0, remainingCookSeconds: 0, itemsWithoutCookTime: 0 }));
      load.openTickets += 1;
      for (const item of items) {
        if (item.station !== station || kitchen.doneLines.has(item.lineId)) continue;
        const seconds = cookSecondsOf(item, timing);
        load.openItems += 1;
        load.remainingCookSeconds += seconds ?? 0;
        if (seconds === null) load.itemsWithoutCookTime += 1;
      }
    }
  }
  return { at: new Date(now).toISOString(), stations: [...loads.values()].sort((a, b) => a.station.localeCompare(b.station)) };
}
