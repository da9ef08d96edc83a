import { describe, expect, it } from 'vitest';
import { storedTextSize } from './text-size';

describe("the screen's text size", () => {
  it('is what this browser kept, normal when nothing or something unknown was kept', () => {
    const kept = (value: string | null) => ({ getItem: () => value });
    expect(storedTextSize(kept('xl'))).toBe('xl');
    expect(storedTextSize(kept('large'))).toBe('large');
    expect(storedTextSize(kept('huge'))).toBe('normal');
    expect(storedTextSize(kept(null))).toBe('normal');
    expect(storedTextSize(undefined)).toBe('normal');
  });
});
