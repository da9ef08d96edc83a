import { systemClock, type Clock } from '../../electron/core/lib/clock';

/**
 * Real timers, a shifted "now": the terminal's loops run at their normal pace while a benchmark
 * moves the calendar forward (a month of service in minutes). Time only ever moves forward.
 */
export class OffsetClock implements Clock {
  private offset: number;

  constructor(start: number) {
    this.offset = start - Date.now();
  }

  now(): number {
    return Date.now() + this.offset;
  }

  set(at: number): void {
    this.offset = Math.max(this.offset, at - Date.now());
  }

  setTimer(callback: () => void, delayMs: number): unknown {
    return systemClock.setTimer(callback, delayMs);
  }

  clearTimer(timer: unknown): void {
    systemClock.clearTimer(timer);
  }
}
