import { readFileSync, writeFileSync } from 'node:fs';

/**
 * Whether something that crashed may be restarted: yes, at most `limit` times within `windowMs`;
 * beyond that it is broken for good and the kitchen must be told, not shown a screen that blinks
 * forever. With a `file` the count survives a relaunch of the app (the main process's own crash).
 */
export class RestartBudget {
  private remembered: number[] = [];

  constructor(
    private readonly file: string | undefined,
    private readonly limit = 5,
    private readonly windowMs = 10 * 60_000,
  ) {}

  take(now = Date.now()): boolean {
    const recent = this.read().filter((at) => now - at < this.windowMs);
    if (recent.length >= this.limit) return false;
    this.remembered = [...recent, now];
    try {
      if (this.file) writeFileSync(this.file, JSON.stringify(this.remembered));
    } catch {
      // An unwritable count must not stop the relaunch that keeps a kitchen running.
    }
    return true;
  }

  private read(): number[] {
    if (!this.file) return this.remembered;
    try {
      const parsed: unknown = JSON.parse(readFileSync(this.file, 'utf8'));
      return Array.isArray(parsed) ? parsed.filter((at): at is number => typeof at === 'number') : [];
    } catch {
      return [];
    }
  }
}
