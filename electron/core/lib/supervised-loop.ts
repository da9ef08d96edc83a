import { backoffDelay } from './backoff';
import { systemClock, type Clock } from './clock';

/**
 * What one pass of a loop asks for next: a number is the delay in ms before the next pass;
 * `idle` waits for `wake()` (or `idleMs`, when set).
 */
export type NextTick = number | 'idle';

export interface LoopOptions {
  /** Names the loop in error reports ("orders consumer", "outbox publisher"). */
  name: string;
  tick: () => NextTick | Promise<NextTick>;
  /** Longest idle wait before the next pass even without a wake; undefined waits for a wake. */
  idleMs?: number;
  /** After a throwing pass: capped jittered backoff, attempt n waits up to baseMs·2^(n-1). */
  backoff?: { baseMs: number; capMs: number };
  /** A throwing pass is reported here, then the loop carries on after its backoff. */
  onError: (name: string, error: Error, failures: number) => void;
  /** The first pass that succeeds after failures. */
  onRecovered?: (name: string) => void;
  clock?: Clock;
  random?: () => number;
}

type Phase = 'stopped' | 'running' | 'waiting' | 'backing-off';

/**
 * The one loop primitive of the core: start, stop (awaits the pass in progress), wake,
 * capped jittered backoff after a failure, and an injected clock. A pass that throws is
 * reported and rescheduled, so no loop dies silently.
 */
export class SupervisedLoop {
  private phase: Phase = 'stopped';
  private failures = 0;
  private timer: unknown;
  private deadline = Infinity;
  /** A wake that came while a pass ran: honoured when the pass ends. */
  private wakeDuringPass: number | undefined;
  private current: Promise<void> = Promise.resolve();
  private readonly clock: Clock;

  constructor(private readonly options: LoopOptions) {
    this.clock = options.clock ?? systemClock;
  }

  get running(): boolean {
    return this.phase !== 'stopped';
  }

  start(): void {
    if (this.phase !== 'stopped') return;
    this.phase = 'waiting';
    this.failures = 0;
    this.schedule(0);
  }

  /** Stops scheduling and waits for a pass in progress to end. */
  async stop(): Promise<void> {
    this.phase = 'stopped';
    this.clearTimer();
    await this.current;
  }

  /**
   * New work: run a pass within `withinMs` (0: now). A loop backing off after a failure keeps
   * its backoff, so new work cannot hammer a failing dependency; `retryNow` cuts that short.
   */
  wake(withinMs = 0): void {
    if (this.phase === 'waiting') this.schedule(withinMs);
    else if (this.phase === 'running') {
      const at = this.clock.now() + withinMs;
      this.wakeDuringPass = Math.min(this.wakeDuringPass ?? Infinity, at);
    }
  }

  /** The dependency answers again: end a backoff now. */
  retryNow(): void {
    if (this.phase === 'backing-off' || this.phase === 'waiting') {
      this.phase = 'waiting';
      this.schedule(0);
    }
  }

  /** A long pass reached a healthy state (a consumer joined its group): the next failure backs off from the start. */
  resetBackoff(): void {
    this.failures = 0;
  }

  private schedule(delayMs: number): void {
    const at = this.clock.now() + Math.max(0, delayMs);
    if (this.timer !== undefined && at >= this.deadline) return;
    this.clearTimer();
    this.deadline = at;
    this.timer = this.clock.setTimer(() => this.fire(), Math.max(0, delayMs));
  }

  private clearTimer(): void {
    if (this.timer !== undefined) this.clock.clearTimer(this.timer);
    this.timer = undefined;
    this.deadline = Infinity;
  }

  private fire(): void {
    this.timer = undefined;
    this.deadline = Infinity;
    if (this.phase === 'stopped') return;
    this.phase = 'running';
    this.wakeDuringPass = undefined;
    this.current = this.pass();
  }

  private async pass(): Promise<void> {
    let next: NextTick;
    try {
      next = await this.options.tick();
      if (this.failures > 0) this.options.onRecovered?.(this.options.name);
      this.failures = 0;
    } catch (error) {
      if (this.phase === 'stopped') return;
      this.failures += 1;
      this.options.onError(this.options.name, error instanceof Error ? error : new Error(String(error)), this.failures);
      const { baseMs, capMs } = this.options.backoff ?? { baseMs: 500, capMs: 10_000 };
      this.phase = 'backing-off';
      this.schedule(backoffDelay(this.failures, baseMs, capMs, this.options.random));
      return;
    }
    if (this.phase === 'stopped') return;
    this.phase = 'waiting';
    if (next === 'idle') {
      if (this.options.idleMs !== undefined) this.schedule(this.options.idleMs);
    } else this.schedule(next);
    if (this.wakeDuringPass !== undefined) this.schedule(this.wakeDuringPass - this.clock.now());
    this.wakeDuringPass = undefined;
  }
}
