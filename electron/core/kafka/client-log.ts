import type { Clock } from '../lib/clock';
import type { Log } from '../lib/log';

/** A kafkajs line written in full is counted, not written again, for this long. */
export const CLIENT_LOG_WINDOW_MS = 60_000;
/** Distinct lines tracked in one window; beyond them every line is written (no memory grows with a flood). */
const MAX_TRACKED_LINES = 200;

type Level = Parameters<Log>[0];

/**
 * kafkajs' own log lines as the terminal writes them. kafkajs logs every retry of a request —
 * while a topic is missing, a line for each metadata retry, for as long as it stays missing: the
 * first of each line is written in full, its repeats within the minute are counted in one line at
 * the minute's end. A terminal unattended for months must not fill its disk with one line, and the
 * lines around it must stay readable.
 */
export class RepeatedLines {
  private readonly repeats = new Map<string, { level: Level; count: number }>();
  private windowTimer: unknown;

  constructor(
    private readonly log: Log,
    private readonly clock: Clock,
  ) {}

  write(level: Level, line: string): void {
    const seen = this.repeats.get(line);
    if (seen) {
      seen.count += 1;
      return;
    }
    if (this.repeats.size < MAX_TRACKED_LINES) this.repeats.set(line, { level, count: 0 });
    this.log(level, line);
    this.windowTimer ??= this.clock.setTimer(() => this.flush(), CLIENT_LOG_WINDOW_MS);
  }

  /** Writes the window's counts; the next line of each kind is written in full again. */
  flush(): void {
    if (this.windowTimer !== undefined) this.clock.clearTimer(this.windowTimer);
    this.windowTimer = undefined;
    for (const [line, { level, count }] of this.repeats) {
      if (count > 0) this.log(level, `${count} more in the last minute: ${line}`);
    }
    this.repeats.clear();
  }
}
