import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../test/support/manual-clock';
import { ACCESS_TOKEN_FILE, PAIRING_CODE_TTL_MS, ScreenAccess } from './screen-access';

const dataDir = () => mkdtempSync(join(tmpdir(), 'kds-access-'));

describe("a terminal's screen access", () => {
  it('makes a token at first start, readable by its owner only (its folder too), and keeps it across restarts', () => {
    const dir = join(dataDir(), 'terminal');
    const access = ScreenAccess.open(dir, new ManualClock());
    const file = join(dir, ACCESS_TOKEN_FILE);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(dir).mode & 0o077, 'nobody else may list or read the data folder').toBe(0);
    const token = access.bearerToken();
    expect(token.length).toBeGreaterThanOrEqual(43);
    expect(access.verify(token)).toBe(true);
    expect(access.verify(`${token}x`)).toBe(false);
    expect(access.verify(undefined)).toBe(false);
    expect(ScreenAccess.open(dir, new ManualClock()).verify(token)).toBe(true);
  });

  it('tightens a token file that others may read (a copy, a restore)', () => {
    const dir = dataDir();
    writeFileSync(join(dir, ACCESS_TOKEN_FILE), `${'k'.repeat(43)}\n`, { mode: 0o644 });
    expect(ScreenAccess.open(dir, new ManualClock()).verify('k'.repeat(43))).toBe(true);
    expect(statSync(join(dir, ACCESS_TOKEN_FILE)).mode & 0o777).toBe(0o600);
  });

  it('a pairing code gives the token once, within ten minutes', async () => {
    const clock = new ManualClock();
    const access = ScreenAccess.open(dataDir(), clock);
    const { code, expiresAt } = access.issuePairingCode();
    expect(code).toMatch(/^\d{8}$/);
    expect(expiresAt).toBe(clock.now() + PAIRING_CODE_TTL_MS);
    expect(access.redeem(`${code.slice(0, 4)} ${code.slice(4)}`)).toEqual({ ok: true, token: access.bearerToken() });
    expect(access.redeem(code).ok).toBe(false);

    const late = access.issuePairingCode();
    await clock.advance(PAIRING_CODE_TTL_MS);
    expect(access.redeem(late.code)).toEqual({ ok: false, error: expect.stringMatching(/wrong or expired/) });
  });

  it('five wrong guesses withdraw the open code; a new code withdraws the previous one', () => {
    const access = ScreenAccess.open(dataDir(), new ManualClock());
    const { code } = access.issuePairingCode();
    const wrong = code === '00000000' ? '11111111' : '00000000';
    for (let i = 0; i < 5; i += 1) expect(access.redeem(wrong).ok).toBe(false);
    expect(access.redeem(code).ok).toBe(false);

    const older = access.issuePairingCode();
    const newer = access.issuePairingCode();
    expect(access.redeem(older.code).ok).toBe(older.code === newer.code);
  });

  it('rotation: a new token on disk, the old one refused, open codes withdrawn, listeners told', () => {
    const dir = dataDir();
    const access = ScreenAccess.open(dir, new ManualClock());
    const before = access.bearerToken();
    const { code } = access.issuePairingCode();
    let told = 0;
    access.onRotation(() => (told += 1));
    access.rotate();
    expect(told).toBe(1);
    expect(access.verify(before)).toBe(false);
    expect(access.redeem(code).ok).toBe(false);
    expect(readFileSync(join(dir, ACCESS_TOKEN_FILE), 'utf8').trim()).toBe(access.bearerToken());
    expect(statSync(join(dir, ACCESS_TOKEN_FILE)).mode & 0o777).toBe(0o600);
  });

  it('a pairing link carries the code in its fragment (never sent to a server), with the certificate fingerprint', () => {
    const access = ScreenAccess.open(dataDir(), new ManualClock());
    expect(access.pairingLink('12345678')).toEqual({ url: null, certificateFingerprint: null });
    access.announceScreenUrl('https://127.0.0.1:8443/', 'AB:CD');
    expect(access.pairingLink('12345678')).toEqual({ url: 'https://127.0.0.1:8443/#pair=12345678', certificateFingerprint: 'AB:CD' });
  });
});
