/**
 * The simulated kitchen's cooks: at each station a few cooks take lines first come, first served,
 * each line taking its own cook time (a line of two burgers is cooked together, as the kitchen's
 * quote counts it). Real timers, wall-clock milliseconds: the caller has scaled the times.
 */
export class StationCooks {
  private readonly stations = new Map<string, { free: number; waiting: (() => void)[] }>();
  private stopped = false;

  constructor(private readonly cooksPerStation: number) {}

  /** Resolves when a cook of `station` has cooked a line taking `cookMs`; never, once stopped. */
  async cook(station: string, cookMs: number): Promise<void> {
    const cooks = this.station(station);
    if (cooks.free === 0) await new Promise<void>((resolve) => cooks.waiting.push(resolve));
    else cooks.free -= 1;
    await this.delay(cookMs);
    // The cook takes the next line waiting, or is free again.
    const next = cooks.waiting.shift();
    if (next) next();
    else cooks.free += 1;
  }

  /** Resolves after `ms`; never, once stopped (the day is over, nothing more is cooked). */
  delay(ms: number): Promise<void> {
    return new Promise((resolve) => {
      setTimeout(() => {
        if (!this.stopped) resolve();
      }, ms);
    });
  }

  stop(): void {
    this.stopped = true;
  }

  private station(name: string): { free: number; waiting: (() => void)[] } {
    let cooks = this.stations.get(name);
    if (!cooks) {
      cooks = { free: this.cooksPerStation, waiting: [] };
      this.stations.set(name, cooks);
    }
    return cooks;
  }
}
