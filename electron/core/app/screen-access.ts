import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Pairing } from '../../../shared/app-api';
import type { Clock } from '../lib/clock';

/** The file in the data directory holding the screens' access token (mode 0600). */
export const ACCESS_TOKEN_FILE = 'screen-access-token';
export const PAIRING_CODE_TTL_MS = 10 * 60_000;
/** Wrong codes tried against one pairing code before it is withdrawn (a guess succeeds 5 times in 10^8). */
const MAX_WRONG_CODES = 5;

/** One answer for every failure, so a guesser learns nothing about whether a code is open. */
const WRONG_CODE = 'wrong or expired pairing code: ask for a new one on a paired screen';

export interface PairingCode {
  /** Eight digits, single use. */
  code: string;
  expiresAt: number;
}

export type Redemption = { ok: true; token: string } | { ok: false; error: string };

const digest = (value: string): Buffer => createHash('sha256').update(value).digest();

/**
 * Who may use this terminal's web host: screens presenting its access token. The token is made
 * at first start and kept in the data directory, readable by its owner only; screens get it
 * once, in exchange for a short-lived single-use pairing code shown on an already trusted
 * screen (or printed when `serve` starts). Rotating it unpairs every screen at once.
 */
export class ScreenAccess {
  private token: string;
  private pairing: { digest: Buffer; expiresAt: number; wrong: number } | undefined;
  private readonly rotationListeners = new Set<() => void>();
  private screenUrl: { url: string; certificateFingerprint: string | null } | undefined;

  private constructor(
    private readonly file: string,
    private readonly clock: Clock,
  ) {
    this.token = ScreenAccess.readOrCreate(file);
  }

  static open(dataDir: string, clock: Clock): ScreenAccess {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    return new ScreenAccess(join(dataDir, ACCESS_TOKEN_FILE), clock);
  }

  /** Compares in constant time (as hashes, so the length does not leak either). */
  verify(candidate: string | undefined): boolean {
    return candidate !== undefined && timingSafeEqual(digest(candidate), digest(this.token));
  }

  /** A new pairing code; the previous one, if still open, is withdrawn. */
  issuePairingCode(): PairingCode {
    const code = String(randomInt(0, 100_000_000)).padStart(8, '0');
    const expiresAt = this.clock.now() + PAIRING_CODE_TTL_MS;
    this.pairing = { digest: digest(code), expiresAt, wrong: 0 };
    return { code, expiresAt };
  }

  /** Exchanges a pairing code (spaces and dashes ignored) for the token, once. */
  redeem(given: string): Redemption {
    const pairing = this.pairing;
    if (!pairing || pairing.expiresAt <= this.clock.now()) {
      this.pairing = undefined;
      return { ok: false, error: WRONG_CODE };
    }
    if (!timingSafeEqual(digest(given.replace(/[\s-]/g, '')), pairing.digest)) {
      pairing.wrong += 1;
      if (pairing.wrong >= MAX_WRONG_CODES) this.pairing = undefined;
      return { ok: false, error: WRONG_CODE };
    }
    this.pairing = undefined;
    return { ok: true, token: this.token };
  }

  /** A new token: every paired screen is disconnected and must pair again. */
  rotate(): void {
    this.token = ScreenAccess.write(this.file);
    this.pairing = undefined;
    for (const listener of this.rotationListeners) listener();
  }

  onRotation(listener: () => void): () => void {
    this.rotationListeners.add(listener);
    return () => this.rotationListeners.delete(listener);
  }

  /** The token itself, for clients that present it as a bearer (command-line tools of the terminal's owner). */
  bearerToken(): string {
    return this.token;
  }

  /** Where screens reach this terminal (set by the web host when it listens), shown with pairing codes. */
  announceScreenUrl(url: string | undefined, certificateFingerprint: string | null = null): void {
    this.screenUrl = url === undefined ? undefined : { url, certificateFingerprint };
  }

  pairingLink(code: string): { url: string | null; certificateFingerprint: string | null } {
    if (!this.screenUrl) return { url: null, certificateFingerprint: null };
    // In the fragment: never sent to the server, never in its logs; the page removes it at once.
    return { url: `${this.screenUrl.url}#pair=${code}`, certificateFingerprint: this.screenUrl.certificateFingerprint };
  }

  /** A new pairing code as screens are given it: with its expiry, the link that carries it and the certificate to compare. */
  newPairing(): Pairing {
    const { code, expiresAt } = this.issuePairingCode();
    return { code, expiresAt: new Date(expiresAt).toISOString(), ...this.pairingLink(code) };
  }

  private static readOrCreate(file: string): string {
    let text: string;
    try {
      text = readFileSync(file, 'utf8').trim();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      return ScreenAccess.write(file);
    }
    if (text.length < 32) return ScreenAccess.write(file);
    // A copied or restored file may have lost its mode: only this terminal's user may read it.
    if (process.platform !== 'win32' && (statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
    return text;
  }

  private static write(file: string): string {
    const token = randomBytes(32).toString('base64url');
    const temporary = `${file}.new`;
    writeFileSync(temporary, `${token}\n`, { mode: 0o600 });
    chmodSync(temporary, 0o600);
    renameSync(temporary, file);
    return token;
  }
}
