import type { IncomingMessage } from 'node:http';
import { networkInterfaces } from 'node:os';
import { isLoopback } from '../../../shared/loopback';

/** The address a request came from; an IPv4 client of a dual-stack socket (::ffff:a.b.c.d) gets its IPv4 name. */
export function sourceAddress(request: IncomingMessage): string {
  return (request.socket.remoteAddress ?? 'unknown').replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, '');
}

/** The path of a request URL, or undefined when it cannot be parsed (never throws). */
export function requestPath(rawUrl: string | undefined): string | undefined {
  try {
    const url = new URL(rawUrl ?? '/', 'http://host.invalid');
    return decodeURIComponent(url.pathname);
  } catch {
    return undefined;
  }
}

/**
 * Which requests may reach the web host. The `Host` header must name this host (against DNS
 * rebinding: a hostile page whose domain resolves to 127.0.0.1 sends its own name), and a
 * browser's `Origin`, when present, must be the host's own origin (against any other page
 * open on the terminal or the LAN driving the kitchen). Clients that send no Origin are not
 * browsers running someone else's page.
 */
export class RequestGuard {
  private readonly hosts: Set<string>;
  constructor(bindHost: string, port: number, options: { allowedHosts?: readonly string[] } = {}) {
    const names = isLoopback(bindHost)
      ? LOOPBACK_NAMES
      : bindHost === '0.0.0.0' || bindHost === '::'
        ? localAddresses()
        : [bracketed(bindHost)];
    this.hosts = new Set([...names.map((name) => `${name}:${port}`), ...(options.allowedHosts ?? [])].map((h) => h.toLowerCase()));
  }

  hostAllowed(request: IncomingMessage): boolean {
    const host = request.headers.host;
    return typeof host === 'string' && this.hosts.has(host.toLowerCase());
  }

  originAllowed(request: IncomingMessage): boolean {
    const origin = request.headers.origin;
    if (origin === undefined) return true;
    try {
      const url = new URL(origin);
      return (url.protocol === 'http:' || url.protocol === 'https:') && this.hosts.has(url.host.toLowerCase());
    } catch {
      return false;
    }
  }
}

const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]'];

const bracketed = (address: string): string => (address.includes(':') ? `[${address}]` : address);

/** Bound to every interface: this machine's own addresses are its names (a LAN DNS name goes in web.allowedHosts). */
function localAddresses(): string[] {
  const addresses = Object.values(networkInterfaces()).flatMap((entries) => (entries ?? []).map((entry) => bracketed(entry.address)));
  return [...new Set([...LOOPBACK_NAMES, ...addresses])];
}

/**
 * The `host:port` another screen uses to reach this host, for pairing links: the kitchen's own
 * LAN name when one is configured, else this machine's first LAN address when bound to every
 * interface (a link to 0.0.0.0 reaches nothing), else the bound address.
 */
export function reachableName(bindHost: string, port: number, allowedHosts: readonly string[] = []): string {
  const [named] = allowedHosts;
  if (named) return named;
  if (bindHost === '0.0.0.0' || bindHost === '::') {
    const lan = Object.values(networkInterfaces())
      .flatMap((entries) => entries ?? [])
      .find((entry) => !entry.internal && entry.family === 'IPv4');
    return `${lan?.address ?? '127.0.0.1'}:${port}`;
  }
  return `${bracketed(bindHost)}:${port}`;
}
