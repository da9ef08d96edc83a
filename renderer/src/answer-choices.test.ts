import { describe, expect, it } from 'vitest';
import { MAX_PREP_MINUTES } from '../../shared/prep-quote';
import { reasonAfterTick, stepMinutes } from './answer-choices';

describe('the choices of an answer', () => {
  it('steps the prep time by 5, never under 1 minute nor over what the platform takes', () => {
    expect(stepMinutes(18, 5)).toBe(23);
    expect(stepMinutes(18, -5)).toBe(13);
    expect(stepMinutes(3, -5)).toBe(1);
    expect(stepMinutes(1, -5)).toBe(1);
    expect(stepMinutes(MAX_PREP_MINUTES - 2, 5)).toBe(MAX_PREP_MINUTES);
  });

  it('takes a ticked out-of-stock line as the reason when none was chosen, and keeps a chosen one', () => {
    expect(reasonAfterTick(null, 1)).toBe('Out of stock');
    expect(reasonAfterTick(null, 0)).toBe(null);
    expect(reasonAfterTick('Too busy', 2)).toBe('Too busy');
  });
});
