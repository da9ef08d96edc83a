import { X509Certificate } from 'node:crypto';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { connect as tlsConnect } from 'node:tls';
import { MAX_PEER_ANSWER_BYTES } from '../../../shared/peer-protocol';
import { pemOf } from '../lib/tls-pair';

const REQUEST_TIMEOUT_MS = 2_000;

/** A peer's certificate as this terminal pins it: the PEM it trusts, and its SHA-256 fingerprint. */
export interface PeerCertificate {
  pem: string;
  fingerprint: string;
}

/**
 * The certificate a peer's HTTPS server presents now, read in a handshake that sends nothing
 * (pairing: its fingerprint goes into the proof, and only that certificate is trusted after).
 */
export function certificateOf(url: string): Promise<PeerCertificate> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = tlsConnect({ host: hostname.replace(/^\[|\]$/g, ''), port: Number(port || 443), rejectUnauthorized: false });
    socket.setTimeout(REQUEST_TIMEOUT_MS, () => socket.destroy(new Error('no TLS handshake in time')));
    socket.once('error', reject);
    socket.once('secureConnect', () => {
      const raw = socket.getPeerCertificate().raw;
      socket.end();
      if (!raw) {
        reject(new Error('the peer presented no certificate'));
        return;
      }
      const pem = pemOf(raw);
      resolve({ pem, fingerprint: new X509Certificate(pem).fingerprint256 });
    });
  });
}

async function readLimited(response: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of response as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_PEER_ANSWER_BYTES) {
      response.destroy();
      throw new Error(`answered more than ${MAX_PEER_ANSWER_BYTES} bytes`);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * POSTs JSON to a peer and reads its JSON answer (bounded). Over HTTPS only the pinned
 * certificate is trusted — the one seen when pairing — whatever names it carries: a kitchen's
 * terminals have LAN addresses no public authority vouches for.
 */
export function postJson(url: string, body: unknown, options: { token?: string; certificate?: string } = {}): Promise<unknown> {
  const target = new URL(url);
  const payload = Buffer.from(JSON.stringify(body));
  const headers = {
    'content-type': 'application/json',
    'content-length': String(payload.length),
    ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
  };
  return new Promise((resolve, reject) => {
    const onResponse = (response: IncomingMessage): void => {
      readLimited(response).then((text) => {
        let parsed: unknown;
        try {
          parsed = JSON.parse(text);
        } catch {
          reject(new Error(`answered ${response.statusCode ?? '?'} with a body that is not JSON`));
          return;
        }
        const status = response.statusCode ?? 0;
        if (status < 200 || status >= 300) {
          const error = (parsed as { error?: unknown }).error;
          reject(new Error(`answered ${status}: ${typeof error === 'string' ? error.slice(0, 200) : 'refused'}`));
          return;
        }
        resolve(parsed);
      }, reject);
    };
    let outgoing;
    if (target.protocol === 'https:') {
      if (!options.certificate) {
        reject(new Error(`${target.origin} speaks HTTPS and no certificate of it is pinned: pair with it again`));
        return;
      }
      // The pinned certificate is the trust anchor itself, a kitchen CA's leaf as much as a self-signed one.
      const pinned = { ca: options.certificate, allowPartialTrustChain: true, checkServerIdentity: () => undefined };
      outgoing = httpsRequest(target, { method: 'POST', headers, ...pinned }, onResponse);
    } else outgoing = httpRequest(target, { method: 'POST', headers }, onResponse);
    outgoing.setTimeout(REQUEST_TIMEOUT_MS, () => outgoing.destroy(new Error(`no answer within ${REQUEST_TIMEOUT_MS} ms`)));
    outgoing.once('error', reject);
    outgoing.end(payload);
  });
}
