import { systemClock } from './clock';

/**
 * A token bucket per screen connection: a screen sends a few requests a second at most (taps,
 * a snapshot now and then), so a flood — each command an fsync'd transaction, an outbox row and
 * a Kafka event every terminal reads — is answered with an error instead of being executed.
 */
export class RequestBudget {
  private tokens: number;
  private last: number;

  constructor(
    private readonly perSecond: number,
    private readonly burst: number,
    private readonly now: () => number = () => systemClock.now(),
  ) {
    this.tokens = burst;
    this.last = now();
  }

  take(): boolean {
    const now = this.now();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.perSecond);
    this.last = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}
