import { randomUUID } from 'node:crypto';
import type { KitchenEvent } from '../../shared/kitchen-events';
import type { OrderEvent } from '../../shared/order-events';
import { simulatedSnapshot } from './order-simulator';
import { seededRandom } from './random';

/** Orders per service hour (local time): a lunch and a dinner rush. */
export const HOURLY_SHARE: Readonly<Record<number, number>> = {
  11: 2,
  12: 5,
  13: 4,
  14: 2,
  15: 1,
  16: 1,
  17: 2,
  18: 4,
  19: 5,
  20: 4,
  21: 2,
};

export interface ServiceOptions {
  merchantId: string;
  /** Days of service, `YYYY-MM-DD` in the local time zone. */
  days: readonly string[];
  ordersPerDay: number;
  seed?: number;
  /** Nothing happens after this (ms): a service simulated up to now stops at now. */
  until?: number;
}

export interface SimulatedService {
  orders: OrderEvent[];
  /** What the cooks did, as their terminals publish it (station terminals `<station>-1`, expo `expo-1`). */
  kitchen: KitchenEvent[];
}

/** A rough log-normal: most cooks near the cook time, a long tail of slow tickets. */
function spread(random: () => number, sigma: number): number {
  const normal = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  return Math.exp(sigma * normal);
}

/**
 * Days of kitchen service for speed-of-service figures: orders placed over lunch and dinner
 * rushes, each station cooking its lines for about their cook time — slower in a rush — and
 * bumping after a realistic delay; expo then bumps the whole ticket and the platform completes
 * the order. Some tickets are recalled and bumped again, some are bumped by expo for a station
 * that never bumped, and some are never finished (a walk-out).
 */
export function simulateService(options: ServiceOptions): SimulatedService {
  const random = seededRandom(options.seed ?? 7);
  const until = options.until ?? Infinity;
  const orders: OrderEvent[] = [];
  const kitchen: KitchenEvent[] = [];
  const totalShare = Object.values(HOURLY_SHARE).reduce((sum, share) => sum + share, 0);
  let orderNumber = 0;
  for (const day of options.days) {
    const [year, month, date] = day.split('-').map(Number);
    for (const [hourText, share] of Object.entries(HOURLY_SHARE)) {
      const hour = Number(hourText);
      const count = Math.round((options.ordersPerDay * share) / totalShare);
      // A rush slows every station: the busier the hour, the longer the wait for a free burner.
      const rush = 1 + (share - 1) * 0.12;
      for (let i = 0; i < count; i += 1) {
        orderNumber += 1;
        const placedAt = new Date(
          year ?? 1970,
          (month ?? 1) - 1,
          date ?? 1,
          hour,
          Math.floor(random() * 60),
          Math.floor(random() * 60),
        ).getTime();
        if (placedAt > until) continue;
        const orderId = `svc-${day}-${orderNumber}`;
        const order = simulatedSnapshot(random, orderNumber);
        orders.push({
          eventId: `${orderId}-1`,
          type: 'ORDER_PLACED',
          orderId,
          merchantId: options.merchantId,
          version: 1,
          occurredAt: new Date(placedAt).toISOString(),
          order,
        });
        const act = (type: KitchenEvent['type'], at: number, station?: string): void => {
          if (at > until) return;
          kitchen.push({
            eventId: randomUUID(),
            type,
            orderId,
            merchantId: options.merchantId,
            terminalId: station ? `${station}-1` : 'expo-1',
            ...(station ? { station } : {}),
            ...(type === 'TICKET_BUMPED' ? { orderVersion: 1 } : {}),
            occurredAt: new Date(at).toISOString(),
          });
        };
        const stations = [...new Set(order.items.map((item) => item.station))].sort();
        const walkOut = random() < 0.04 ? stations[Math.floor(random() * stations.length)] : undefined;
        const expoBumps = random() < 0.06;
        let lastBump = placedAt;
        for (const station of stations) {
          const cook = Math.max(...order.items.filter((item) => item.station === station).map((item) => item.prepSeconds ?? 120));
          // Noticing the ticket, cooking (slower in a rush), plating and the bump itself.
          const seconds = 20 + random() * 70 + cook * rush * spread(random, 0.35);
          const bumpAt = placedAt + Math.round(seconds * 1000);
          if (station === walkOut || (expoBumps && station === stations[0])) continue;
          act('TICKET_STARTED', placedAt + Math.round(20_000 * random()), station);
          act('TICKET_BUMPED', bumpAt, station);
          lastBump = Math.max(lastBump, bumpAt);
          if (random() < 0.03) {
            // Bumped by mistake: recalled, then bumped again when really done.
            act('TICKET_RECALLED', bumpAt + 30_000, station);
            act('TICKET_BUMPED', bumpAt + 150_000, station);
            lastBump = Math.max(lastBump, bumpAt + 150_000);
          }
        }
        if (walkOut !== undefined) continue;
        // Expo checks the plate and bumps the whole ticket; the platform then completes the order.
        const expoAt = lastBump + Math.round((expoBumps ? 45 : 10 + random() * 50) * 1000);
        act('TICKET_BUMPED', expoAt);
        if (expoAt + 60_000 <= until) {
          orders.push({
            eventId: `${orderId}-2`,
            type: 'ORDER_COMPLETED',
            orderId,
            merchantId: options.merchantId,
            version: 2,
            occurredAt: new Date(expoAt + 60_000).toISOString(),
          });
        }
      }
    }
  }
  return { orders, kitchen };
}
