import { createHash, createHmac, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PairedScreen, Pairing, ScreenScope } from '../../../shared/app-api';
import type { CallingScreen } from './calling-screen';
import type { Clock } from '../lib/clock';
import type { Log } from '../lib/log';
import { PAIRED_SCREENS_FILE, PairedScreens } from './paired-screens';

/** The file in the data directory holding the terminal's secret (mode 0600). */
export const ACCESS_TOKEN_FILE = 'screen-access-token';
export const PAIRING_CODE_TTL_MS = 10 * 60_000;

/** One answer for every failure, so a guesser learns nothing about whether a code is open. */
export const WRONG_CODE = 'wrong or expired pairing code: ask for a new one on a paired screen';

export interface PairingCode {
  /** Eight digits, single use. */
  code: string;
  expiresAt: number;
}

/** A redeemed code: the new screen's credential (for its cookie) and its id in the list. */
export type Redemption = { ok: true; credential: string; screenId: string } | { ok: false; error: string };

/**
 * Who a request comes from, as checked when it arrived: one paired screen, or (`screenId` null)
 * a tool of the terminal's owner presenting the secret itself. Kept by a connection, and checked
 * again for every message it sends, so a revocation stops it at once.
 */
export interface AccessHolder {
  readonly screenId: string | null;
  /** What it may do: a guest board reads the board only; the owner's tools and kitchen screens do everything. */
  readonly scope: ScreenScope;
  /** The secret's generation: a rotation makes every holder of an older one invalid. */
  readonly generation: number;
}

/** What was revoked: every screen (a rotation), or some (one, and the screens it paired). */
export type Revocation = { kind: 'all' } | { kind: 'screens'; screenIds: string[] };

const digest = (value: string): Buffer => createHash('sha256').update(value).digest();
const sameText = (a: string, b: string): boolean => timingSafeEqual(digest(a), digest(b));
const CREDENTIAL = /^([\w-]{22})\.([\w-]{43})$/;

/**
 * Who may use this terminal's web host. The terminal has a secret, made at first start and kept
 * in the data directory, readable by its owner only; it never leaves the terminal's own tools.
 * Each paired screen gets its own credential, `<id>.<MAC of the id with the secret>`, in
 * exchange for a short-lived single-use pairing code shown on an already trusted screen (or
 * printed when `serve` starts); the ids are listed in the data directory, so one screen can be
 * revoked alone. Rotating the secret revokes every screen at once.
 *
 * Terminals from before screens had their own credential gave every screen the secret itself:
 * such a terminal makes a new secret when it first opens, so those screens pair again (and a lost
 * tablet's copy of the old secret opens nothing).
 */
export class ScreenAccess {
  private secret: string;
  private generation = 0;
  /** The open code, and the paired screen that issued it (null: the terminal itself or its owner's tools). */
  private pairing: { digest: Buffer; expiresAt: number; issuedBy: string | null; scope: ScreenScope } | undefined;
  private readonly revocationListeners = new Set<(revocation: Revocation) => void>();
  private screenUrl: { url: string; certificateFingerprint: string | null } | undefined;

  private constructor(
    private readonly secretFile: string,
    private readonly screens: PairedScreens,
    private readonly clock: Clock,
    secret: string,
  ) {
    this.secret = secret;
  }

  static open(dataDir: string, clock: Clock, log?: Log): ScreenAccess {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    const secretFile = join(dataDir, ACCESS_TOKEN_FILE);
    const screensFile = join(dataDir, PAIRED_SCREENS_FILE);
    const screens = PairedScreens.read(screensFile, clock);
    const kept = ScreenAccess.readKept(secretFile);
    if (screens && kept !== undefined) return new ScreenAccess(secretFile, screens, clock, kept);
    // A new secret: on a new terminal; on one from before per-screen access (its screens hold the
    // old secret itself); or when the secret was lost (no listed screen's credential holds then).
    if (!screens && kept !== undefined)
      log?.('warn', 'screen access: each screen now has its own access; screens paired before must pair again');
    const secret = ScreenAccess.write(secretFile);
    if (screens) screens.clear();
    return new ScreenAccess(secretFile, screens ?? PairedScreens.create(screensFile, clock), clock, secret);
  }

  /** The terminal's owner: a tool presenting the secret (compared in constant time, as hashes, so the length does not leak). */
  ownerHolder(candidate: string | undefined): AccessHolder | undefined {
    if (candidate === undefined || !sameText(candidate, this.secret)) return undefined;
    return { screenId: null, scope: 'kitchen', generation: this.generation };
  }

  /** A paired screen presenting its credential; undefined when forged, made with an older secret, or revoked. */
  screenHolder(credential: string | undefined): AccessHolder | undefined {
    const [, id, mac] = CREDENTIAL.exec(credential ?? '') ?? [];
    const screen = id === undefined || mac === undefined || !sameText(mac, this.mac(id)) ? undefined : this.screens.get(id);
    if (!screen) return undefined;
    return { screenId: screen.id, scope: screen.scope, generation: this.generation };
  }

  /** Whether a holder checked earlier may still act: neither rotated out nor revoked since. */
  stillValid(holder: AccessHolder): boolean {
    return holder.generation === this.generation && (holder.screenId === null || this.screens.has(holder.screenId));
  }

  /** Who a holder is when it asks an operation: its id, and whose wrong-PIN budget it spends (its line's first screen). */
  caller(holder: AccessHolder): CallingScreen {
    if (holder.screenId === null) return { id: 'owner', pinBudget: 'owner' };
    return { id: `screen:${holder.screenId}`, pinBudget: `screen:${this.screens.firstOfLine(holder.screenId)}` };
  }

  /** A screen opened a connection or loaded the page: shown as its last connection. */
  connected(holder: AccessHolder): void {
    if (holder.screenId !== null) this.screens.connected(holder.screenId);
  }

  /**
   * A new pairing code; the previous one, if still open, is withdrawn. `issuedBy` is the paired
   * screen that shows it (null: the terminal itself, its owner's tools): the screen it pairs is
   * recorded as paired by that one, and goes when it goes.
   */
  issuePairingCode(issuedBy: string | null = null, scope: ScreenScope = 'kitchen'): PairingCode {
    const code = String(randomInt(0, 100_000_000)).padStart(8, '0');
    const expiresAt = this.clock.now() + PAIRING_CODE_TTL_MS;
    this.pairing = { digest: digest(code), expiresAt, issuedBy, scope };
    return { code, expiresAt };
  }

  /** Whether a pairing code is open now (issued, not used, not expired). */
  pairingOpen(): boolean {
    return this.pairing !== undefined && this.pairing.expiresAt > this.clock.now();
  }

  /**
   * Exchanges a pairing code (spaces and dashes ignored), once, for a new screen's credential.
   * Wrong codes do not withdraw the open one (anyone on the LAN could then block pairing): the
   * web host bounds how many codes are tried (pairing-budget.ts).
   */
  redeem(given: string, label = 'a screen'): Redemption {
    const pairing = this.pairing;
    if (!pairing || pairing.expiresAt <= this.clock.now()) {
      this.pairing = undefined;
      return { ok: false, error: WRONG_CODE };
    }
    if (!timingSafeEqual(digest(given.replace(/[\s-]/g, '')), pairing.digest)) return { ok: false, error: WRONG_CODE };
    this.pairing = undefined;
    // The screen that issued it was unpaired since (revoke withdraws its code; this is the backstop).
    if (pairing.issuedBy !== null && !this.screens.has(pairing.issuedBy)) return { ok: false, error: WRONG_CODE };
    const screenId = randomBytes(16).toString('base64url');
    this.screens.add({
      id: screenId,
      label: label.slice(0, 200),
      pairedAt: new Date(this.clock.now()).toISOString(),
      lastConnectedAt: null,
      pairedBy: pairing.issuedBy,
      scope: pairing.scope,
    });
    return { ok: true, credential: `${screenId}.${this.mac(screenId)}`, screenId };
  }

  pairedScreens(): PairedScreen[] {
    return this.screens.list();
  }

  /** The first screen of a paired screen's line (itself when the terminal paired it). */
  firstOfLine(screenId: string): string {
    return this.screens.firstOfLine(screenId);
  }

  /**
   * Unpairs a screen and every screen it paired (and theirs): written first, then their
   * credentials are refused, a code one of them issued is withdrawn, and listeners close their
   * connections. Answers the ids unpaired (none: no such screen). Throws, changing nothing, when
   * the list cannot be written.
   */
  revoke(screenId: string): string[] {
    const removed = this.screens.remove(screenId);
    if (removed.length === 0) return removed;
    if (this.pairing?.issuedBy != null && removed.includes(this.pairing.issuedBy)) this.pairing = undefined;
    this.tell({ kind: 'screens', screenIds: removed });
    return removed;
  }

  /** A new secret: every paired screen is revoked and must pair again. */
  rotate(): void {
    this.secret = ScreenAccess.write(this.secretFile);
    this.generation += 1;
    this.pairing = undefined;
    try {
      this.screens.clear();
    } finally {
      // The new secret refuses every screen's credential whether or not the emptied list was written.
      this.tell({ kind: 'all' });
    }
  }

  /** Told synchronously, inside the revoking call, so nothing a revoked screen sends afterwards is mistaken for valid. */
  onRevocation(listener: (revocation: Revocation) => void): () => void {
    this.revocationListeners.add(listener);
    return () => this.revocationListeners.delete(listener);
  }

  /** The secret itself, for clients that present it as a bearer (command-line tools of the terminal's owner). */
  bearerToken(): string {
    return this.secret;
  }

  /** Writes what is pending (screens' last connections) before the process stops. */
  flush(): void {
    this.screens.flush();
  }

  /** Where screens reach this terminal (set by the web host when it listens), shown with pairing codes. */
  announceScreenUrl(url: string | undefined, certificateFingerprint: string | null = null): void {
    this.screenUrl = url === undefined ? undefined : { url, certificateFingerprint };
  }

  pairingLink(code: string, scope: ScreenScope = 'kitchen'): { url: string | null; certificateFingerprint: string | null } {
    if (!this.screenUrl) return { url: null, certificateFingerprint: null };
    // In the fragment: never sent to the server, never in its logs; the page removes it at once.
    const page = scope === 'board' ? 'board' : '';
    return { url: `${this.screenUrl.url}${page}#pair=${code}`, certificateFingerprint: this.screenUrl.certificateFingerprint };
  }

  /** A new pairing code as screens are given it: with its expiry, the link that carries it and the certificate to compare. */
  newPairing(issuedBy: string | null = null, scope: ScreenScope = 'kitchen'): Pairing {
    const { code, expiresAt } = this.issuePairingCode(issuedBy, scope);
    return { code, expiresAt: new Date(expiresAt).toISOString(), ...this.pairingLink(code, scope) };
  }

  private mac(screenId: string): string {
    return createHmac('sha256', this.secret).update(`screen:${screenId}`).digest('base64url');
  }

  private tell(revocation: Revocation): void {
    for (const listener of this.revocationListeners) listener(revocation);
  }

  /** The kept secret, or undefined when there is none (or too short to be one). */
  private static readKept(file: string): string | undefined {
    let text: string;
    try {
      text = readFileSync(file, 'utf8').trim();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      return undefined;
    }
    if (text.length < 32) return undefined;
    // A copied or restored file may have lost its mode: only this terminal's user may read it.
    if (process.platform !== 'win32' && (statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
    return text;
  }

  private static write(file: string): string {
    const secret = randomBytes(32).toString('base64url');
    const temporary = `${file}.new`;
    writeFileSync(temporary, `${secret}\n`, { mode: 0o600 });
    chmodSync(temporary, 0o600);
    renameSync(temporary, file);
    return secret;
  }
}
