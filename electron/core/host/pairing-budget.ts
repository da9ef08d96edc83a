import { isIPv6 } from 'node:net';

/** Every limit on pairing counts over this window: a pairing code's own lifetime. */
export const PAIRING_WINDOW_MS = 10 * 60_000;
/** Codes one address may try per window: plenty for a person who mistypes, nothing for a guesser. */
export const TRIES_PER_ADDRESS = 10;
/**
 * Wrong codes the whole host evaluates per window, whatever their addresses: the bound on
 * guessing (an open 8-digit code is guessed with odds of at most 100 in 10^8 over its life).
 * Ten times what one address may try, so a single address cannot drain it.
 */
export const WRONG_CODES_PER_HOST = 100;
/** Addresses remembered at most (least recently seen forgotten first). */
const MAX_ADDRESSES = 1024;

export type PairingTry = { ok: true } | { ok: false; error: string };

/**
 * Whom a per-address budget belongs to: an IPv4 address (an IPv4-mapped IPv6 address as its IPv4
 * one), or the /64 prefix of an IPv6 address. One device on IPv6 has a whole /64 to pick
 * addresses from (privacy addresses change on their own), so counting its addresses one by one
 * would give it as many budgets as it likes.
 */
export function sourceGroup(address: string): string {
  const bare = address.replace(/%.*$/, '').toLowerCase();
  if (!isIPv6(bare)) return bare;
  const hextets = (part: string): number[] =>
    (part === '' ? [] : part.split(':')).flatMap((group) => {
      if (!group.includes('.')) return [parseInt(group, 16)];
      const [a = 0, b = 0, c = 0, d = 0] = group.split('.').map(Number);
      return [(a << 8) | b, (c << 8) | d];
    });
  const [head = '', tail] = bare.split('::');
  const front = hextets(head);
  const back = tail === undefined ? [] : hextets(tail);
  const full = [...front, ...Array<number>(8 - front.length - back.length).fill(0), ...back];
  if (full.slice(0, 5).every((group) => group === 0) && full[5] === 0xffff) {
    const [high = 0, low = 0] = full.slice(6);
    return [high >> 8, high & 255, low >> 8, low & 255].join('.');
  }
  return `${full
    .slice(0, 4)
    .map((group) => group.toString(16).padStart(4, '0'))
    .join(':')}::/64`;
}

/** Drops times that left the window; the oldest first. */
function recent(times: number[], now: number): number[] {
  while (times.length > 0 && (times[0] ?? 0) <= now - PAIRING_WINDOW_MS) times.shift();
  return times;
}

const inSeconds = (ms: number): number => Math.max(1, Math.ceil(ms / 1000));

/**
 * How many pairing codes may be tried, per source address and for the whole host. A wrong code
 * never withdraws the open one (anyone on the LAN could then stop every screen from pairing by
 * trying five codes a minute); instead each address has its own small budget, and a host-wide
 * ceiling on wrong codes bounds guessing from any number of addresses. A device typing the code a
 * paired screen shows thus still pairs while another address floods wrong codes.
 */
export class PairingBudget {
  private readonly triesByAddress = new Map<string, number[]>();
  private readonly wrongCodes: number[] = [];

  constructor(private readonly now: () => number) {}

  /** Takes one try for this address (its /64 on IPv6), or says why not (and for how long) without evaluating anything. */
  take(from: string): PairingTry {
    const address = sourceGroup(from);
    const now = this.now();
    const wrong = recent(this.wrongCodes, now);
    if (wrong.length >= WRONG_CODES_PER_HOST) {
      return {
        ok: false,
        error: `too many wrong pairing codes on this terminal: try again in ${inSeconds((wrong[0] ?? now) + PAIRING_WINDOW_MS - now)} s`,
      };
    }
    const tries = recent(this.triesByAddress.get(address) ?? [], now);
    if (tries.length >= TRIES_PER_ADDRESS) {
      return {
        ok: false,
        error: `too many pairing attempts from this device: try again in ${inSeconds((tries[0] ?? now) + PAIRING_WINDOW_MS - now)} s`,
      };
    }
    tries.push(now);
    this.triesByAddress.delete(address);
    this.triesByAddress.set(address, tries);
    this.forgetOldest();
    return { ok: true };
  }

  /** A code that was tried and was wrong: it counts against the host-wide ceiling. */
  wrongCode(): void {
    this.wrongCodes.push(this.now());
  }

  /** Past the bound (a flood from ever new addresses) the least recently seen go first; the host-wide ceiling still holds. */
  private forgetOldest(): void {
    for (const address of this.triesByAddress.keys()) {
      if (this.triesByAddress.size <= MAX_ADDRESSES) break;
      this.triesByAddress.delete(address);
    }
  }
}
