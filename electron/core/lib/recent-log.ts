import type { Log } from './log';

/** The last lines a terminal logged, kept in memory for the diagnostics export (its messages never hold secrets). */
export class RecentLog {
  private readonly lines: string[] = [];

  constructor(private readonly capacity = 500) {}

  /** A log that keeps each line here and passes it on. */
  around(sink: Log, now: () => number): Log {
    return (level, message) => {
      this.lines.push(`${new Date(now()).toISOString()} ${level} ${message}`);
      if (this.lines.length > this.capacity) this.lines.splice(0, this.lines.length - this.capacity);
      sink(level, message);
    };
  }

  all(): string[] {
    return [...this.lines];
  }
}
