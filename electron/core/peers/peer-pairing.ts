import { createHash, randomInt, timingSafeEqual } from 'node:crypto';

/** A peer pairing code lasts this long, and is withdrawn after this many wrong codes. */
export const PEER_CODE_TTL_MS = 10 * 60_000;
export const PEER_CODE_ATTEMPTS = 5;

/**
 * The one open code another terminal of the kitchen may pair with (8 digits, shown on this
 * terminal's diagnostics, kept in memory only). A few wrong proofs withdraw it, so guessing 10^8
 * codes is not a way in.
 */
export class PeerPairing {
  private open: { code: string; expiresAt: number; attemptsLeft: number } | undefined;

  constructor(private readonly now: () => number) {}

  issue(): { code: string; expiresAt: number } {
    const code = String(randomInt(0, 100_000_000)).padStart(8, '0');
    const expiresAt = this.now() + PEER_CODE_TTL_MS;
    this.open = { code, expiresAt, attemptsLeft: PEER_CODE_ATTEMPTS };
    return { code, expiresAt };
  }

  /**
   * True once, for a request whose proof holds for the open code; a used, expired or withdrawn
   * code refuses every proof. Each failed proof spends an attempt.
   */
  async redeem(proves: (code: string) => Promise<boolean>): Promise<boolean> {
    const open = this.open;
    if (!open || open.expiresAt <= this.now() || open.attemptsLeft <= 0) return false;
    // Spent before the slow check: concurrent guesses cannot outrun the limit.
    open.attemptsLeft -= 1;
    const holds = await proves(open.code);
    if (this.open !== open) return false;
    if (holds) {
      this.open = undefined;
      return true;
    }
    if (open.attemptsLeft <= 0) this.open = undefined;
    return false;
  }
}

/** What a stored peer token is compared by: its SHA-256, hex. */
export function tokenDigest(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Constant-time comparison of two hex digests of the same length. */
export function sameDigest(a: string, b: string): boolean {
  const left = Buffer.from(a, 'hex');
  const right = Buffer.from(b, 'hex');
  return left.length === right.length && left.length > 0 && timingSafeEqual(left, right);
}
