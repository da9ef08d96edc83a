import { join } from 'node:path';
import type { KdsConfig } from '../../../shared/config';
import { systemClock } from '../lib/clock';
import { loadTlsPair, type TlsPair } from '../lib/tls-pair';

/** The web host's certificate and key (PEM), and the SHA-256 fingerprint screens compare when they pair. */
export type WebTls = TlsPair;

/** The TLS `web.tls` asks for, or undefined for plain HTTP. */
export function loadWebTls(config: KdsConfig, names: readonly string[] = [], now = systemClock.now()): Promise<WebTls | undefined> {
  return loadTlsPair('web.tls', config.web.tls, join(config.dataDir, 'web-tls'), names, now);
}
