import type { Clock } from '../lib/clock';
import { loggable } from '../lib/log-text';

/** Refusals are summed over this long after the first one is written. */
export const REFUSAL_LOG_WINDOW_MS = 60_000;

/**
 * The web host's log of refused requests, at most two lines a minute: the first refusal in full
 * (what it was and where from), then one line that counts the others by kind. A flood of refused
 * requests on a terminal that runs for months must not become a disk problem.
 */
export class RefusalLog {
  private windowTimer: unknown;
  private readonly counts = new Map<string, number>();

  constructor(
    private readonly write: (message: string) => void,
    private readonly clock: Clock,
  ) {}

  /**
   * `kind` is what is counted ("401 no screen credential"); `detail` is written only for the first
   * of a window. Never a token. Both may hold what a request said: control characters are escaped.
   */
  note(kind: string, detail: string): void {
    if (this.windowTimer !== undefined) {
      this.counts.set(kind, (this.counts.get(kind) ?? 0) + 1);
      return;
    }
    this.write(`web host refused a request (${loggable(kind)}): ${loggable(detail)}`);
    this.windowTimer = this.clock.setTimer(() => this.flush(), REFUSAL_LOG_WINDOW_MS);
  }

  /** Writes the count of the window (a stopping host too); the next refusal is written in full. */
  flush(): void {
    if (this.windowTimer !== undefined) this.clock.clearTimer(this.windowTimer);
    this.windowTimer = undefined;
    const total = [...this.counts.values()].reduce((sum, count) => sum + count, 0);
    if (total > 0) {
      const kinds = [...this.counts].map(([kind, count]) => `${count} × ${loggable(kind)}`).join(', ');
      this.write(`web host: ${total} more refused requests in the last minute (${kinds})`);
    }
    this.counts.clear();
  }
}
