import { X509Certificate } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generate } from 'selfsigned';
import type { KdsConfig } from '../../../shared/config';
import { systemClock } from '../lib/clock';

/** The web host's certificate and key (PEM), and the SHA-256 fingerprint screens compare when they pair. */
export interface WebTls {
  cert: string;
  key: string;
  fingerprint: string;
}

const SELF_SIGNED_DIR = 'web-tls';
const VALID_DAYS = 5 * 365;
/** Regenerated this long before it expires, so screens are never locked out by a date. */
const RENEW_BEFORE_MS = 30 * 24 * 60 * 60 * 1000;

function fingerprintOf(cert: string): { fingerprint: string; validTo: number } {
  const parsed = new X509Certificate(cert);
  return { fingerprint: parsed.fingerprint256, validTo: Date.parse(parsed.validTo) };
}

function readPair(certFile: string, keyFile: string): WebTls {
  let cert: string;
  let key: string;
  try {
    cert = readFileSync(certFile, 'utf8');
    key = readFileSync(keyFile, 'utf8');
  } catch (error) {
    throw new Error(
      `web.tls: cannot read ${(error as NodeJS.ErrnoException).path ?? 'the certificate or key'} (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
      { cause: error },
    );
  }
  try {
    return { cert, key, fingerprint: fingerprintOf(cert).fingerprint };
  } catch {
    throw new Error(`web.tls: ${certFile} is not a PEM certificate`);
  }
}

/** A self-signed pair for this terminal's names (loopback and `names`), kept in the data directory, key readable by its owner only. */
async function selfSigned(dataDir: string, names: readonly string[], now: number): Promise<WebTls> {
  const dir = join(dataDir, SELF_SIGNED_DIR);
  const certFile = join(dir, 'cert.pem');
  const keyFile = join(dir, 'key.pem');
  try {
    const existing = readPair(certFile, keyFile);
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

/** The TLS the configuration asks for, or undefined for plain HTTP. */
export async function loadWebTls(config: KdsConfig, names: readonly string[] = [], now = systemClock.now()): Promise<WebTls | undefined> {
  const tls = config.web.tls;
  if (!tls) return undefined;
  return 'certFile' in tls ? readPair(tls.certFile, tls.keyFile) : selfSigned(config.dataDir, names, now);
}
