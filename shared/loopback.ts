/**
 * Whether a configured host name or address stays on this machine: servers bound elsewhere are
 * reachable from the network and need TLS (web host, peer link, fleet service).
 */
export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}
