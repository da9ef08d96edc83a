import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { reachableName, RequestGuard, requestPath } from './request-guard';

const request = (headers: Record<string, string>, url = '/'): IncomingMessage => ({ headers, url }) as unknown as IncomingMessage;

describe('which requests may reach the web host', () => {
  it('on loopback: its own names only, and a browser only from its own origin', () => {
    const guard = new RequestGuard('127.0.0.1', 8080);
    expect(guard.hostAllowed(request({ host: '127.0.0.1:8080' }))).toBe(true);
    expect(guard.hostAllowed(request({ host: 'LOCALHOST:8080' }))).toBe(true);
    expect(guard.hostAllowed(request({ host: 'attacker.example:8080' }))).toBe(false);
    expect(guard.hostAllowed(request({}))).toBe(false);
    expect(guard.originAllowed(request({}))).toBe(true);
    expect(guard.originAllowed(request({ origin: 'http://localhost:8080' }))).toBe(true);
    expect(guard.originAllowed(request({ origin: 'http://127.0.0.1:9999' }))).toBe(false);
    expect(guard.originAllowed(request({ origin: 'null' }))).toBe(false);
  });

  it('bound to every interface: loopback, its own addresses and the configured LAN names', () => {
    const guard = new RequestGuard('0.0.0.0', 8080, { allowedHosts: ['kds-expo.lan:8080'] });
    expect(guard.hostAllowed(request({ host: '127.0.0.1:8080' }))).toBe(true);
    expect(guard.hostAllowed(request({ host: 'kds-expo.lan:8080' }))).toBe(true);
    expect(guard.hostAllowed(request({ host: 'kds-expo.lan:9090' }))).toBe(false);
  });

  it('pairing links name what another screen can reach: the LAN name, a LAN address, never 0.0.0.0', () => {
    expect(reachableName('127.0.0.1', 8080)).toBe('127.0.0.1:8080');
    expect(reachableName('0.0.0.0', 8443, ['kds-expo.lan:8443'])).toBe('kds-expo.lan:8443');
    expect(reachableName('0.0.0.0', 8443)).not.toMatch(/^0\.0\.0\.0/);
    expect(reachableName('::1', 8080)).toBe('[::1]:8080');
  });

  it('a URL that cannot be parsed or decoded has no path (answered 400), never an exception', () => {
    expect(requestPath('/%E0%A4%A')).toBeUndefined();
    expect(requestPath('/assets/app.js?x=1')).toBe('/assets/app.js');
    expect(requestPath('//')).toBeUndefined();
  });
});
