import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../test/support/manual-clock';
import { PAIRING_WINDOW_MS, PairingBudget, sourceGroup, TRIES_PER_ADDRESS, WRONG_CODES_PER_HOST } from './pairing-budget';

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
    for (let i = 0; i < 5_000; i += 1) expect(budget.take(`10.${i >> 16}.${(i >> 8) & 255}.${i & 255}`).ok).toBe(true);
    expect((budget as unknown as { triesByAddress: Map<string, number[]> }).triesByAddress.size).toBeLessThanOrEqual(1024);
  });

  it('an IPv6 device is one source whatever address of its /64 it picks; an IPv4-mapped address is its IPv4 one', () => {
    const budget = new PairingBudget(() => 0);
    for (let i = 0; i < 1_000; i += 1) budget.take(`2001:db8:1:2:${i.toString(16)}::${(i * 7).toString(16)}`);
    expect(budget.take('2001:db8:1:2:ffff:ffff:ffff:ffff')).toEqual({
      ok: false,
      error: 'too many pairing attempts from this device: try again in 600 s',
    });
    expect(budget.take('2001:db8:1:3::1'), 'the next /64 is another source').toEqual({ ok: true });
    for (let i = 0; i < TRIES_PER_ADDRESS; i += 1) budget.take('192.0.2.9');
    expect(budget.take('::ffff:192.0.2.9').ok).toBe(false);
    expect(budget.take('0:0:0:0:0:ffff:c000:0209').ok, 'mapped, written in hex').toBe(false);
  });

  it('groups sources: IPv4 as it is, IPv6 by /64 in one spelling, zones and mapped addresses unwrapped', () => {
    expect(sourceGroup('192.0.2.1')).toBe('192.0.2.1');
    expect(sourceGroup('::ffff:192.0.2.1')).toBe('192.0.2.1');
    expect(sourceGroup('::FFFF:c000:201')).toBe('192.0.2.1');
    expect(sourceGroup('2001:DB8::1')).toBe('2001:0db8:0000:0000::/64');
    expect(sourceGroup('2001:db8:0:0:abcd:1:2:3')).toBe('2001:0db8:0000:0000::/64');
    expect(sourceGroup('fe80::1%eth0')).toBe('fe80:0000:0000:0000::/64');
    expect(sourceGroup('::1')).toBe('0000:0000:0000:0000::/64');
    expect(sourceGroup('64:ff9b::192.0.2.1')).toBe('0064:ff9b:0000:0000::/64');
    expect(sourceGroup('unknown')).toBe('unknown');
  });
});
