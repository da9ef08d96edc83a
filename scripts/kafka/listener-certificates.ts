import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generate } from 'selfsigned';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * A CA made for this broker's run and the TLS listener's certificate it signs (for `host`),
 * as PEM files: the CA's certificate for clients to trust, and the broker's key (PKCS#8) with
 * its certificate chain in one file, which Kafka reads as a PEM keystore.
 */
export async function makeListenerCertificates(dir: string, host: string): Promise<{ caFile: string; keystoreFile: string }> {
  const now = Date.now();
  const validity = { notBeforeDate: new Date(now - DAY_MS), notAfterDate: new Date(now + 30 * DAY_MS) };
  const ca = await generate([{ name: 'commonName', value: 'kds test CA' }], {
    keySize: 2048,
    algorithm: 'sha256',
    ...validity,
    extensions: [
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    ],
  });
  const broker = await generate([{ name: 'commonName', value: host }], {
    keySize: 2048,
    algorithm: 'sha256',
    ...validity,
    ca: { key: ca.private, cert: ca.cert },
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 7, ip: host },
          { type: 2, value: 'localhost' },
        ],
      },
    ],
  });
  const caFile = join(dir, 'ca.pem');
  const keystoreFile = join(dir, 'broker-keystore.pem');
  writeFileSync(caFile, ca.cert);
  writeFileSync(keystoreFile, `${broker.private.trim()}\n${broker.cert.trim()}\n${ca.cert.trim()}\n`, { mode: 0o600 });
  chmodSync(keystoreFile, 0o600);
  return { caFile, keystoreFile };
}
