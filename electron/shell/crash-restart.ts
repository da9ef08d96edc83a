import { readFileSync, writeFileSync } from 'node:fs';

/**
 * Whether a main process that hit an unexpected error may relaunch the app: yes, at most
 * `limit` times within `windowMs` (counted in a small file, so the count survives the
 * relaunch); beyond that something is broken for good and the kitchen must be told, not shown a
 * screen that blinks forever.
 */
export class RestartBudget {
  constructor(
    private readonly file: string,
    private readonly limit = 5,
    private readonly windowMs = 10 * 60_000,
  ) {}

  take(now = Date.now()): boolean {
    const recent = this.read().filter((at) => now - at < this.windowMs);
    if (recent.length >= this.limit) return false;
    try {
      writeFileSync(this.file, JSON.stringify([...recent, now]));
    } catch {
      // An unwritable count must not stop the relaunch that keeps a kitchen running.
    }
    return true;
  }

  private read(): number[] {
    try {
      const parsed: unknown = JSON.parse(readFileSync(this.file, 'utf8'));
      return Array.isArray(parsed) ? parsed.filter((at): at is number => typeof at === 'number') : [];
    } catch {
      return [];
    }
  }
}
