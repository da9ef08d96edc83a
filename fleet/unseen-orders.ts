/**
 * Orders placed and not shown on any screen of their kitchen (no `TICKET_SHOWN`) within the
 * threshold. Only open, unshown orders are held, and none for longer than `forgetAfterMs`, so
 * memory follows the orders in flight, not the orders ever placed.
 */
export const UNSEEN_AFTER_MS = 60_000;
const FORGET_AFTER_MS = 2 * 3600_000;

interface Waiting {
  merchantId: string;
  placedAt: number;
}

export class UnseenOrders {
  private readonly waiting = new Map<string, Waiting>();
  /** Shown (or closed) before their order was read: the two topics are read side by side. */
  private readonly settledEarly = new Map<string, number>();

  constructor(
    private readonly unseenAfterMs = UNSEEN_AFTER_MS,
    private readonly forgetAfterMs = FORGET_AFTER_MS,
  ) {}

  placed(orderId: string, merchantId: string, placedAt: number): void {
    if (this.settledEarly.has(orderId) || this.waiting.has(orderId)) return;
    this.waiting.set(orderId, { merchantId, placedAt });
  }

  /** Shown on a screen, or cancelled/completed: no longer awaited. */
  settled(orderId: string, at: number): void {
    if (!this.waiting.delete(orderId)) this.settledEarly.set(orderId, at);
  }

  /** Unseen orders per merchant at `now` (only merchants with any). */
  byMerchant(now: number): Map<string, number> {
    const counts = new Map<string, number>();
    for (const [orderId, order] of this.waiting) {
      if (now - order.placedAt > this.forgetAfterMs) {
        this.waiting.delete(orderId);
        continue;
      }
      if (now - order.placedAt >= this.unseenAfterMs) counts.set(order.merchantId, (counts.get(order.merchantId) ?? 0) + 1);
    }
    for (const [orderId, at] of this.settledEarly) if (now - at > this.forgetAfterMs) this.settledEarly.delete(orderId);
    return counts;
  }

  get held(): number {
    return this.waiting.size + this.settledEarly.size;
  }
}
