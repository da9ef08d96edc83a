import { mkdirSync, mkdtempSync, readFileSync, rmdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../test/support/manual-clock';
import { PAIRED_SCREENS_FILE } from './paired-screens';
import { ACCESS_TOKEN_FILE, PAIRING_CODE_TTL_MS, ScreenAccess, type Revocation } from './screen-access';

const dataDir = () => mkdtempSync(join(tmpdir(), 'kds-access-'));

/** Pairs one screen: its credential (what its cookie holds). */
function paired(access: ScreenAccess, label = 'a screen', issuedBy: string | null = null): string {
  const redeemed = access.redeem(access.issuePairingCode(issuedBy).code, label);
  if (!redeemed.ok) throw new Error(redeemed.error);
  return redeemed.credential;
}

describe("a terminal's screen access", () => {
  it('makes a secret at first start, readable by its owner only (its folder too), and keeps it across restarts', () => {
    const dir = join(dataDir(), 'terminal');
    const access = ScreenAccess.open(dir, new ManualClock());
    const file = join(dir, ACCESS_TOKEN_FILE);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, PAIRED_SCREENS_FILE)).mode & 0o777).toBe(0o600);
    expect(statSync(dir).mode & 0o077, 'nobody else may list or read the data folder').toBe(0);
    const secret = access.bearerToken();
    expect(secret.length).toBeGreaterThanOrEqual(43);
    expect(access.ownerHolder(secret)).toEqual({ screenId: null, scope: 'kitchen', generation: 0 });
    expect(access.ownerHolder(`${secret}x`)).toBeUndefined();
    expect(access.ownerHolder(undefined)).toBeUndefined();
    expect(access.screenHolder(secret), 'the secret is not a screen credential').toBeUndefined();
    expect(ScreenAccess.open(dir, new ManualClock()).ownerHolder(secret)).toBeDefined();
  });

  it('tightens a secret file that others may read (a copy, a restore)', () => {
    const dir = dataDir();
    ScreenAccess.open(dir, new ManualClock());
    writeFileSync(join(dir, ACCESS_TOKEN_FILE), `${'k'.repeat(43)}\n`, { mode: 0o644 });
    expect(ScreenAccess.open(dir, new ManualClock()).ownerHolder('k'.repeat(43))).toBeDefined();
    expect(statSync(join(dir, ACCESS_TOKEN_FILE)).mode & 0o777).toBe(0o600);
  });

  it('a terminal from before per-screen access makes a new secret: screens that hold the old one pair again', () => {
    const dir = dataDir();
    writeFileSync(join(dir, ACCESS_TOKEN_FILE), `${'k'.repeat(43)}\n`, { mode: 0o600 });
    const logs: string[] = [];
    const access = ScreenAccess.open(dir, new ManualClock(), (_level, message) => logs.push(message));
    expect(access.ownerHolder('k'.repeat(43))).toBeUndefined();
    expect(access.screenHolder('k'.repeat(43))).toBeUndefined();
    expect(access.bearerToken()).not.toBe('k'.repeat(43));
    expect(logs).toEqual([expect.stringMatching(/screens paired before must pair again/)]);
  });

  it('a pairing code gives a new screen its own credential once, within ten minutes; wrong codes do not withdraw it', async () => {
    const clock = new ManualClock();
    const access = ScreenAccess.open(dataDir(), clock);
    const { code, expiresAt } = access.issuePairingCode();
    expect(code).toMatch(/^\d{8}$/);
    expect(expiresAt).toBe(clock.now() + PAIRING_CODE_TTL_MS);
    const wrong = code === '00000000' ? '11111111' : '00000000';
    for (let i = 0; i < 20; i += 1) expect(access.redeem(wrong).ok).toBe(false);
    const redeemed = access.redeem(`${code.slice(0, 4)} ${code.slice(4)}`, 'Chrome on Android, 10.0.0.7');
    if (!redeemed.ok) throw new Error(redeemed.error);
    expect(redeemed.credential).toMatch(/^[\w-]{22}\.[\w-]{43}$/);
    expect(redeemed.credential).not.toContain(access.bearerToken());
    expect(access.screenHolder(redeemed.credential)).toEqual({ screenId: redeemed.screenId, scope: 'kitchen', generation: 0 });
    expect(access.pairedScreens()).toEqual([
      {
        id: redeemed.screenId,
        label: 'Chrome on Android, 10.0.0.7',
        pairedAt: new Date(clock.now()).toISOString(),
        lastConnectedAt: null,
        pairedBy: null,
        scope: 'kitchen',
      },
    ]);
    expect(access.redeem(code).ok, 'a code works once').toBe(false);

    const late = access.issuePairingCode();
    await clock.advance(PAIRING_CODE_TTL_MS);
    expect(access.redeem(late.code)).toEqual({ ok: false, error: expect.stringMatching(/wrong or expired/) });

    const older = access.issuePairingCode();
    const newer = access.issuePairingCode();
    expect(access.redeem(older.code).ok, 'a new code withdraws the previous one').toBe(older.code === newer.code);
  });

  it('a forged credential (another id, or a MAC made without the secret) opens nothing', () => {
    const access = ScreenAccess.open(dataDir(), new ManualClock());
    const credential = paired(access);
    const [id, mac] = credential.split('.') as [string, string];
    expect(access.screenHolder(`${id}.${mac.slice(0, -1)}${mac.endsWith('A') ? 'B' : 'A'}`)).toBeUndefined();
    expect(access.screenHolder(`${'A'.repeat(22)}.${mac}`)).toBeUndefined();
    expect(access.screenHolder(`${id}.${mac}.`)).toBeUndefined();
  });

  it('one screen revoked alone: its credential refused, its holders invalid, listeners told; the others keep working', () => {
    const dir = dataDir();
    const access = ScreenAccess.open(dir, new ManualClock());
    const tablet = paired(access, 'tablet');
    const expo = paired(access, 'expo');
    const tabletHolder = access.screenHolder(tablet);
    if (!tabletHolder?.screenId) throw new Error('not paired');
    const told: Revocation[] = [];
    access.onRevocation((revocation) => told.push(revocation));

    expect(access.revoke(tabletHolder.screenId)).toEqual([tabletHolder.screenId]);
    expect(told).toEqual([{ kind: 'screens', screenIds: [tabletHolder.screenId] }]);
    expect(access.stillValid(tabletHolder)).toBe(false);
    expect(access.screenHolder(tablet)).toBeUndefined();
    expect(access.screenHolder(expo)).toBeDefined();
    expect(access.revoke(tabletHolder.screenId), 'once').toEqual([]);
    expect(
      ScreenAccess.open(dir, new ManualClock())
        .pairedScreens()
        .map((screen) => screen.label),
      'kept on disk',
    ).toEqual(['expo']);
  });

  it('rotation: a new secret on disk, every screen and the old secret refused, open codes withdrawn, listeners told', () => {
    const dir = dataDir();
    const access = ScreenAccess.open(dir, new ManualClock());
    const before = access.bearerToken();
    const owner = access.ownerHolder(before);
    const screen = paired(access);
    const { code } = access.issuePairingCode();
    const told: Revocation[] = [];
    access.onRevocation((revocation) => told.push(revocation));
    access.rotate();
    expect(told).toEqual([{ kind: 'all' }]);
    expect(access.ownerHolder(before)).toBeUndefined();
    expect(owner && access.stillValid(owner)).toBe(false);
    expect(access.screenHolder(screen)).toBeUndefined();
    expect(access.pairedScreens()).toEqual([]);
    expect(access.redeem(code).ok).toBe(false);
    expect(readFileSync(join(dir, ACCESS_TOKEN_FILE), 'utf8').trim()).toBe(access.bearerToken());
    expect(statSync(join(dir, ACCESS_TOKEN_FILE)).mode & 0o777).toBe(0o600);
  });

  it("a screen's last connection is written within a minute, not on every connection", async () => {
    const clock = new ManualClock();
    const dir = dataDir();
    const access = ScreenAccess.open(dir, clock);
    const holder = access.screenHolder(paired(access));
    if (!holder) throw new Error('not paired');
    const onDisk = () => ScreenAccess.open(dir, clock).pairedScreens()[0]?.lastConnectedAt;
    await clock.advance(5_000);
    access.connected(holder);
    const at = new Date(clock.now()).toISOString();
    expect(access.pairedScreens()[0]?.lastConnectedAt).toBe(at);
    expect(onDisk()).toBeNull();
    await clock.advance(60_000);
    expect(onDisk()).toBe(at);
  });

  it('a pairing link carries the code in its fragment (never sent to a server), with the certificate fingerprint', () => {
    const access = ScreenAccess.open(dataDir(), new ManualClock());
    expect(access.pairingLink('12345678')).toEqual({ url: null, certificateFingerprint: null });
    access.announceScreenUrl('https://127.0.0.1:8443/', 'AB:CD');
    expect(access.pairingLink('12345678')).toEqual({ url: 'https://127.0.0.1:8443/#pair=12345678', certificateFingerprint: 'AB:CD' });
  });

  it('a screen paired with a code another screen showed goes when that one is unpaired, and theirs in turn; the others stay', () => {
    const dir = dataDir();
    const clock = new ManualClock();
    const access = ScreenAccess.open(dir, clock);
    const idOf = (credential: string): string => access.screenHolder(credential)?.screenId ?? 'none';
    const stolen = paired(access, 'stolen tablet');
    const expo = paired(access, 'expo');
    const spare = paired(access, 'spare', idOf(stolen));
    const spareOfSpare = paired(access, 'spare of the spare', idOf(spare));
    const byExpo = paired(access, 'paired by the expo', idOf(expo));
    expect(access.pairedScreens().map((screen) => [screen.label, screen.pairedBy])).toEqual([
      ['stolen tablet', null],
      ['expo', null],
      ['spare', idOf(stolen)],
      ['spare of the spare', idOf(spare)],
      ['paired by the expo', idOf(expo)],
    ]);
    const open = access.issuePairingCode(idOf(spareOfSpare));
    const told: Revocation[] = [];
    access.onRevocation((revocation) => told.push(revocation));

    const lineage = [idOf(stolen), idOf(spare), idOf(spareOfSpare)];
    expect(access.revoke(idOf(stolen)).sort()).toEqual(lineage.sort());
    expect(told).toHaveLength(1);
    for (const gone of [stolen, spare, spareOfSpare]) expect(access.screenHolder(gone)).toBeUndefined();
    expect(access.screenHolder(expo)).toBeDefined();
    expect(access.screenHolder(byExpo)).toBeDefined();
    expect(access.redeem(open.code).ok, 'a code one of them showed is withdrawn').toBe(false);
    expect(
      ScreenAccess.open(dir, clock)
        .pairedScreens()
        .map((screen) => screen.label),
      'kept on disk',
    ).toEqual(['expo', 'paired by the expo']);
  });

  it('an unpairing that cannot be written changes nothing: the screen stays paired, on disk and in memory, and the error is thrown', () => {
    const dir = dataDir();
    const access = ScreenAccess.open(dir, new ManualClock());
    const tablet = paired(access, 'tablet');
    const holder = access.screenHolder(tablet);
    if (!holder?.screenId) throw new Error('not paired');
    const told: Revocation[] = [];
    access.onRevocation((revocation) => told.push(revocation));
    // The new list is written beside the old one and renamed over it: a folder in its way fails the write.
    mkdirSync(join(dir, `${PAIRED_SCREENS_FILE}.new`));
    expect(() => access.revoke(holder.screenId ?? '')).toThrow();
    expect(told).toEqual([]);
    expect(access.screenHolder(tablet), 'still paired in memory, as on disk').toEqual(holder);
    expect(access.stillValid(holder)).toBe(true);
    expect(
      ScreenAccess.open(dir, new ManualClock())
        .pairedScreens()
        .map((screen) => screen.label),
    ).toEqual(['tablet']);
    rmdirSync(join(dir, `${PAIRED_SCREENS_FILE}.new`));
    expect(access.revoke(holder.screenId ?? '')).toEqual([holder.screenId]);
    expect(ScreenAccess.open(dir, new ManualClock()).pairedScreens()).toEqual([]);
  });

  it('a guest board is paired with a code of its own kind: its credential holds the board scope, across restarts; older lists are kitchen screens', () => {
    const dir = dataDir();
    const clock = new ManualClock();
    const access = ScreenAccess.open(dir, clock);
    const kitchen = paired(access, 'expo tablet');
    const pairing = access.newPairing(null, 'board');
    access.announceScreenUrl('https://kds.local:8443/');
    expect(access.pairingLink('12345678', 'board').url, "the board's link opens the board's page").toBe(
      'https://kds.local:8443/board#pair=12345678',
    );
    const redeemed = access.redeem(pairing.code, 'dining room TV');
    if (!redeemed.ok) throw new Error(redeemed.error);
    expect(access.screenHolder(redeemed.credential)?.scope).toBe('board');
    expect(access.screenHolder(kitchen)?.scope).toBe('kitchen');
    const reopened = ScreenAccess.open(dir, clock);
    expect(reopened.screenHolder(redeemed.credential)?.scope).toBe('board');
    expect(reopened.pairedScreens().map((screen) => [screen.label, screen.scope])).toEqual([
      ['expo tablet', 'kitchen'],
      ['dining room TV', 'board'],
    ]);
    // A list written before scopes existed.
    const file = join(dir, PAIRED_SCREENS_FILE);
    const stored = JSON.parse(readFileSync(file, 'utf8')) as { screens: Record<string, unknown>[] };
    writeFileSync(file, JSON.stringify({ screens: stored.screens.map(({ scope: _scope, ...screen }) => screen) }));
    expect(ScreenAccess.open(dir, clock).screenHolder(redeemed.credential)?.scope).toBe('kitchen');
  });
});
