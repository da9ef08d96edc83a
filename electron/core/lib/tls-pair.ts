import { X509Certificate } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generate } from 'selfsigned';
import type { TlsChoice } from '../../../shared/config';
import { systemClock } from './clock';

/**
 * A server's certificate and key (PEM), and its SHA-256 fingerprint: the web host's, which screens
 * compare when they pair, and the peer link's, which kitchen peers pin when they pair.
 */
export interface TlsPair {
  cert: string;
  key: string;
  fingerprint: string;
}

const VALID_DAYS = 5 * 365;
/** Regenerated this long before it expires, so screens are never locked out by a date. */
const RENEW_BEFORE_MS = 30 * 24 * 60 * 60 * 1000;

function fingerprintOf(cert: string): { fingerprint: string; validTo: number } {
  const parsed = new X509Certificate(cert);
  return { fingerprint: parsed.fingerprint256, validTo: Date.parse(parsed.validTo) };
}

function readPair(setting: string, certFile: string, keyFile: string): TlsPair {
  let cert: string;
  let key: string;
  try {
    cert = readFileSync(certFile, 'utf8');
    key = readFileSync(keyFile, 'utf8');
  } catch (error) {
    throw new Error(
      `${setting}: cannot read ${(error as NodeJS.ErrnoException).path ?? 'the certificate or key'} (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
      { cause: error },
    );
  }
  try {
    return { cert, key, fingerprint: fingerprintOf(cert).fingerprint };
  } catch {
    throw new Error(`${setting}: ${certFile} is not a PEM certificate`);
  }
}

/** A self-signed pair for this terminal's names (loopback and `names`), kept in the data directory, key readable by its owner only. */
async function selfSigned(setting: string, dir: string, names: readonly string[], now: number): Promise<TlsPair> {
  const certFile = join(dir, 'cert.pem');
  const keyFile = join(dir, 'key.pem');
  try {
    const existing = readPair(setting, certFile, keyFile);
    if (fingerprintOf(existing.cert).validTo - RENEW_BEFORE_MS > now) return existing;
  } catch {
    // none yet, or unreadable: make a new one
  }
  const hostNames = [...new Set(['localhost', ...names.filter((name) => !/^[\d.:[\]]+$/.test(name))])];
  const addresses = [...new Set(['127.0.0.1', '::1', ...names.filter((name) => /^[\d.:]+$/.test(name))])];
  const pems = await generate([{ name: 'commonName', value: 'kds kitchen terminal' }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate: new Date(now - 60_000),
    notAfterDate: new Date(now + VALID_DAYS * 24 * 60 * 60 * 1000),
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [...hostNames.map((value) => ({ type: 2 as const, value })), ...addresses.map((ip) => ({ type: 7 as const, ip }))],
      },
    ],
  });
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  writeFileSync(keyFile, pems.private, { mode: 0o600 });
  chmodSync(keyFile, 0o600);
  writeFileSync(certFile, pems.cert);
  return { cert: pems.cert, key: pems.private, fingerprint: fingerprintOf(pems.cert).fingerprint };
}

/**
 * The TLS a setting (`web.tls`, `peers.tls`) asks for, or undefined for plain HTTP: a pair of the
 * kitchen's own, or a self-signed one kept in `selfSignedDir`.
 */
export async function loadTlsPair(
  setting: string,
  choice: TlsChoice | undefined,
  selfSignedDir: string,
  names: readonly string[] = [],
  now = systemClock.now(),
): Promise<TlsPair | undefined> {
  if (!choice) return undefined;
  return 'certFile' in choice ? readPair(setting, choice.certFile, choice.keyFile) : selfSigned(setting, selfSignedDir, names, now);
}

/** The PEM of a DER certificate (what a TLS socket gives of its peer). */
export function pemOf(raw: Buffer): string {
  const lines = raw.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN CERTIFICATE-----\n${lines.join('\n')}\n-----END CERTIFICATE-----\n`;
}
