import { createHmac, scrypt, timingSafeEqual } from 'node:crypto';

/**
 * Proof that a pairing request knows the code the other terminal shows, without sending it: an
 * HMAC of the request keyed by scrypt(code), salted with the certificate fingerprint the
 * requester saw. A terminal in the middle of the LAN presents another certificate, so its
 * relayed proof fails; and the slow key makes trying 10^8 codes against a captured proof cost
 * months, not minutes (the code expires in 10).
 */
const SCRYPT = { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };

function keyOf(code: string, fingerprint: string): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(code, `kds-peer-pairing:${fingerprint}`, 32, SCRYPT, (error, key) => (error ? reject(error) : resolve(key))),
  );
}

/** What the proof covers: everything the requester asks the other terminal to keep. */
export interface ProvenFields {
  merchantId: string;
  terminalId: string;
  url: string;
  token: string;
  certificate: string | null;
}

export async function pairingProof(code: string, fingerprint: string, fields: ProvenFields): Promise<string> {
  const message = JSON.stringify([fields.merchantId, fields.terminalId, fields.url, fields.token, fields.certificate ?? '']);
  return createHmac('sha256', await keyOf(code, fingerprint))
    .update(message)
    .digest('hex');
}

export async function proofHolds(proof: string, code: string, fingerprint: string, fields: ProvenFields): Promise<boolean> {
  const expected = Buffer.from(await pairingProof(code, fingerprint, fields), 'hex');
  const given = Buffer.from(proof, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
