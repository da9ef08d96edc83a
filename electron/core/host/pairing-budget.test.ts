import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../test/support/manual-clock';
import { PAIRING_WINDOW_MS, PairingBudget, TRIES_PER_ADDRESS, WRONG_CODES_PER_HOST } from './pairing-budget';

/** Every address tries as often as it is let, all codes wrong; how many tries were evaluated. */
function flood(budget: PairingBudget, addresses: string[], rounds: number): number {
  let evaluated = 0;
  for (let round = 0; round < rounds; round += 1)
    for (const address of addresses)
      if (budget.take(address).ok) {
        evaluated += 1;
        budget.wrongCode();
      }
  return evaluated;
}

describe('the pairing budget', () => {
  it('one address gets its own few tries per window, and cannot drain the host-wide ceiling', async () => {
    const clock = new ManualClock();
    const budget = new PairingBudget(() => clock.now());
    expect(flood(budget, ['10.0.0.66'], 1_000)).toBe(TRIES_PER_ADDRESS);
    expect(budget.take('10.0.0.66')).toEqual({ ok: false, error: 'too many pairing attempts from this device: try again in 600 s' });
    expect(budget.take('10.0.0.7'), 'another device still tries').toEqual({ ok: true });
    await clock.advance(PAIRING_WINDOW_MS);
    expect(budget.take('10.0.0.66').ok, 'after the window').toBe(true);
  });

  it('a flood from many addresses is bounded by the host-wide ceiling on wrong codes', async () => {
    const clock = new ManualClock();
    const budget = new PairingBudget(() => clock.now());
    const many = Array.from({ length: 50 }, (_, i) => `10.0.1.${i}`);
    expect(flood(budget, many, 100)).toBe(WRONG_CODES_PER_HOST);
    expect(budget.take('10.0.0.7')).toEqual({ ok: false, error: 'too many wrong pairing codes on this terminal: try again in 600 s' });
    await clock.advance(PAIRING_WINDOW_MS);
    expect(flood(budget, many, 100), 'the next window, the same bound').toBe(WRONG_CODES_PER_HOST);
  });

  it('remembers a bounded number of addresses', () => {
    const budget = new PairingBudget(() => 0);
    for (let i = 0; i < 5_000; i += 1) expect(budget.take(`fd00::${i.toString(16)}`).ok).toBe(true);
    expect((budget as unknown as { triesByAddress: Map<string, number[]> }).triesByAddress.size).toBeLessThanOrEqual(1024);
  });
});
