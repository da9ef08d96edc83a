import type { KitchenEvent } from '../../shared/kitchen-events';

/**
 * What a platform knows of one kitchen as a whole from its signals: the items it 86'd (until when)
 * and whether it paused taking orders. Later signals replace earlier ones (the kitchen-wide key
 * keeps them in one partition, so topic order is the kitchen's order).
 */
export class KitchenAvailability {
  /** Item name → the end of its 86 (ms), or null when it lasts until the kitchen says otherwise. */
  private readonly unavailable = new Map<string, number | null>();
  private pause: { until: number | null } | null = null;

  apply(event: KitchenEvent): void {
    if (event.type === 'ITEM_AVAILABILITY' && event.item !== undefined) {
      if (event.available === false) this.unavailable.set(event.item, untilOf(event));
      else this.unavailable.delete(event.item);
    } else if (event.type === 'KITCHEN_PAUSED') {
      this.pause = { until: untilOf(event) };
    } else if (event.type === 'KITCHEN_RESUMED') {
      this.pause = null;
    }
  }

  offers(item: string, now: number): boolean {
    if (!this.unavailable.has(item)) return true;
    const until = this.unavailable.get(item) ?? null;
    return until !== null && until <= now;
  }

  takesOrders(now: number): boolean {
    return this.pause === null || (this.pause.until !== null && this.pause.until <= now);
  }
}

function untilOf(event: KitchenEvent): number | null {
  return event.until === undefined ? null : Date.parse(event.until);
}
