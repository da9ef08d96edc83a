/** Why the cluster cannot be used, when retrying will not help until someone fixes the configuration or the platform. */
export type ConnectionReason = 'credentials' | 'certificate';

const CERTIFICATE_CODES = new Set([
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_GET_ISSUER_CERT',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_UNTRUSTED',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

function* chain(error: unknown): Generator<{ name?: unknown; message?: unknown; code?: unknown }> {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth += 1) {
    yield current as { name?: unknown; message?: unknown; code?: unknown };
    current = (current as { cause?: unknown }).cause;
  }
}

/**
 * A failed connection in words a restaurant's IT staff can act on: refused credentials and an
 * untrusted broker certificate are named as such (never with the password), anything else
 * keeps the client's own message.
 */
export function describeConnectionError(
  error: unknown,
  sasl?: { mechanism: string; username: string },
): { detail: string; reason?: ConnectionReason } {
  for (const link of chain(error)) {
    if (link.name === 'KafkaJSSASLAuthenticationError') {
      const who = sasl ? ` (SASL ${sasl.mechanism.toUpperCase()} as ${sasl.username})` : '';
      return { reason: 'credentials', detail: `Kafka refused this terminal's credentials${who}: check kafka.sasl` };
    }
    if (typeof link.code === 'string' && CERTIFICATE_CODES.has(link.code)) {
      return {
        reason: 'certificate',
        detail: `the broker's TLS certificate is not trusted (${String(link.message).replace(/^Connection error: /, '')}): set kafka.caFile to the CA that signed it`,
      };
    }
  }
  return { detail: error instanceof Error ? error.message : String(error) };
}
