import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createLongPress, LONG_PRESS_MS } from './long-press';

describe('telling a long press from a tap', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('a tap is a tap: no long press, its click goes through', () => {
    const held = vi.fn();
    const press = createLongPress(held);
    press.down();
    vi.advanceTimersByTime(LONG_PRESS_MS - 1);
    press.cancel();
    expect(press.click()).toBe(true);
    vi.advanceTimersByTime(10_000);
    expect(held).not.toHaveBeenCalled();
  });

  it('held 600 ms: the long press runs while still held, and the click that ends it does nothing', () => {
    const held = vi.fn();
    const press = createLongPress(held);
    press.down();
    vi.advanceTimersByTime(LONG_PRESS_MS);
    expect(held).toHaveBeenCalledOnce();
    press.cancel();
    expect(press.click()).toBe(false);
    // The next tap is a tap again.
    press.down();
    press.cancel();
    expect(press.click()).toBe(true);
    expect(LONG_PRESS_MS).toBe(600);
  });

  it('a finger that slides off before 600 ms cancels it', () => {
    const held = vi.fn();
    const press = createLongPress(held);
    press.down();
    vi.advanceTimersByTime(300);
    press.cancel();
    vi.advanceTimersByTime(1_000);
    expect(held).not.toHaveBeenCalled();
    expect(vi.getTimerCount()).toBe(0);
  });
});
