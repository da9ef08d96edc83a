import { describe, expect, it } from 'vitest';
import { storedLanguage } from './language';

describe("the screen's language", () => {
  it('is what this browser kept, English when nothing or a language without a catalog was kept', () => {
    const kept = (value: string | null) => ({ getItem: () => value });
    expect(storedLanguage(kept('es'))).toBe('es');
    expect(storedLanguage(kept('ar'))).toBe('ar');
    expect(storedLanguage(kept('fr'))).toBe('en');
    expect(storedLanguage(kept(null))).toBe('en');
    expect(storedLanguage(undefined)).toBe('en');
  });
});
