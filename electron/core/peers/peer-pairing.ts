import { createHash, randomInt, timingSafeEqual } from 'node:crypto';

/** A peer pairing code lasts this long, and is withdrawn after this many wrong codes. */
export const PEER_CODE_TTL_MS = 10 * 60_000;
export const PEER_CODE_ATTEMPTS = 5;

const digest = (text: string): Buffer => createHash('sha256').update(text).digest();

/**
 * The one open code another terminal of the kitchen may pair with (8 digits, shown on this
 * terminal's diagnostics). Only its digest is kept; a few wrong codes withdraw it, so guessing
 * 10^8 codes is not a way in.
 */
export class PeerPairing {
  private open: { digest: Buffer; expiresAt: number; attemptsLeft: number } | undefined;

  constructor(private readonly now: () => number) {}

  issue(): { code: string; expiresAt: number } {
    const code = String(randomInt(0, 100_000_000)).padStart(8, '0');
    const expiresAt = this.now() + PEER_CODE_TTL_MS;
    this.open = { digest: digest(code), expiresAt, attemptsLeft: PEER_CODE_ATTEMPTS };
    return { code, expiresAt };
  }

  /** True once for the right code; a used, expired or withdrawn code is refused like a wrong one. */
  redeem(code: string): boolean {
    const open = this.open;
    if (!open || open.expiresAt <= this.now()) return false;
    if (timingSafeEqual(open.digest, digest(code))) {
      this.open = undefined;
      return true;
    }
    open.attemptsLeft -= 1;
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
