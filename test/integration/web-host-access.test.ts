import { X509Certificate } from 'node:crypto';
import { request as httpsRequest } from 'node:https';
import { resolve } from 'node:path';
import { connect as tlsConnect } from 'node:tls';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startTerminal, type Terminal } from '../../electron/core/app/terminal';
import { WebHost } from '../../electron/core/host/web-host';
import { loadWebTls } from '../../electron/core/host/web-tls';
import type { KdsConfig } from '../../shared/config';
import { createTopics, testConfig } from '../support/core-harness';
import { testBootstrap, testKafka } from '../support/kafka';

const running: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((stop) => stop()));
});

/** A terminal behind its web host, every log line it writes kept (to look for secrets in). */
async function hosted(config: KdsConfig, tls = false): Promise<{ terminal: Terminal; url: string; logs: string[] }> {
  await createTopics(testKafka(), config, 1);
  const logs: string[] = [];
  const log = (level: string, message: string): void => void logs.push(`${level} ${message}`);
  const terminal = startTerminal(config, { log });
  const host = new WebHost(terminal.api, {
    host: '127.0.0.1',
    port: 0,
    access: terminal.access,
    tls: tls ? await loadWebTls(config) : undefined,
    rendererDir: resolve('dist/renderer'),
    log,
  });
  const url = await host.start();
  running.push(async () => {
    await host.stop();
    await terminal.stop();
  });
  return { terminal, url, logs };
}

const pair = (url: string, code: string, headers: Record<string, string> = { 'content-type': 'application/json' }) =>
  fetch(`${url}session`, { method: 'POST', headers, body: JSON.stringify({ code }) });

function openSocket(url: string, headers: Record<string, string>): Promise<{ socket: WebSocket; closed: Promise<number> } | number> {
  return new Promise((done) => {
    const socket = new WebSocket(`${url.replace('http', 'ws')}ws`, { headers });
    const closed = new Promise<number>((resolveClose) => socket.once('close', (code) => resolveClose(code)));
    socket.once('open', () => done({ socket, closed }));
    socket.once('unexpected-response', (_request, response) => done(response.statusCode ?? 0));
  });
}

describe("the web host's screen access", () => {
  it('pairing: no access without a credential, a code exchanged once for an HttpOnly SameSite=Strict cookie of its own, and no secret in any log', async () => {
    const { terminal, url, logs } = await hosted(testConfig(testBootstrap()));
    expect((await fetch(`${url}api/status`)).status).toBe(401);
    expect(await openSocket(url, {})).toBe(401);
    expect((await fetch(url)).status, 'the page itself is public: it holds no data').toBe(200);
    expect((await fetch(`${url}session`)).status).toBe(401);

    const pairing = await terminal.api.pairScreen({});
    if (!pairing.ok) throw new Error(pairing.error);
    const { code } = pairing.value;
    expect(pairing.value.url).toBe(`${url}#pair=${code}`);
    expect((await pair(url, code, { 'content-type': 'text/plain' })).status, 'JSON only').toBe(415);
    expect((await pair(url, 'x'.repeat(2000))).status).toBe(413);
    expect((await pair(url, 'x'.repeat(100))).status).toBe(400);
    expect((await pair(url, '00000000')).status).toBe(code === '00000000' ? 200 : 403);

    const paired = await pair(url, code);
    expect(paired.status).toBe(200);
    const setCookie = paired.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/^kds_screen=[\w-]{22}\.[\w-]{43}; HttpOnly; SameSite=Strict; Path=\/; Max-Age=\d+$/);
    const cookie = setCookie.split(';')[0] ?? '';
    expect(cookie, "the terminal's secret never goes to a screen").not.toContain(terminal.access.bearerToken());
    expect((await pair(url, code)).status, 'a code works once').toBe(403);

    expect((await fetch(`${url}api/status`, { headers: { cookie } })).status).toBe(200);
    const session = await fetch(`${url}session`, { headers: { cookie } });
    expect(session.status).toBe(200);
    expect(session.headers.get('set-cookie'), 'every visit renews the cookie').toMatch(/^kds_screen=/);
    const opened = await openSocket(url, { cookie });
    if (typeof opened === 'number') throw new Error(`refused: ${opened}`);

    // Rotation (support, PIN): the open socket is closed, the old cookie refused.
    expect(await terminal.api.rotateScreenAccess({ pin: '0000' })).toEqual({
      ok: false,
      error: expect.stringMatching(/support actions are off/),
    });
    terminal.access.rotate();
    expect(await opened.closed).toBe(4001);
    expect((await fetch(`${url}api/status`, { headers: { cookie } })).status).toBe(401);

    const everything = [...logs, JSON.stringify(terminal.status()), JSON.stringify(await terminal.api.diagnosticsExport({}))].join('\n');
    expect(everything).not.toContain(cookie.split('=')[1]);
    expect(everything).not.toContain(terminal.access.bearerToken());
    expect(everything).not.toContain(code);
  });

  it('pairing attempts are limited per address while a code is open: a guessing flood is answered 429', async () => {
    const { terminal, url } = await hosted(testConfig(testBootstrap()));
    expect((await terminal.api.pairScreen({})).ok).toBe(true);
    const statuses: number[] = [];
    for (let i = 0; i < 15; i += 1) statuses.push((await pair(url, String(10_000_000 + i))).status);
    expect(statuses.slice(0, 10).every((status) => status === 403)).toBe(true);
    expect(statuses.slice(10)).toContain(429);
  });

  it('HTTPS with a self-signed certificate made at first start: the fingerprint shown for pairing is the served one, cookies are Secure', async () => {
    const config = testConfig(testBootstrap(), { web: { tls: { selfSigned: true } } });
    const { terminal, url } = await hosted(config, true);
    expect(url).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/$/);
    const pairing = await terminal.api.pairScreen({});
    if (!pairing.ok) throw new Error(pairing.error);

    const { port } = new URL(url);
    const served = await new Promise<string>((done, fail) => {
      const socket = tlsConnect({ host: '127.0.0.1', port: Number(port), rejectUnauthorized: false }, () => {
        done(new X509Certificate(socket.getPeerX509Certificate()?.raw ?? Buffer.alloc(0)).fingerprint256);
        socket.end();
      });
      socket.once('error', fail);
    });
    expect(pairing.value.certificateFingerprint).toBe(served);
    expect(new X509Certificate((await loadWebTls(config))?.cert ?? '').fingerprint256, 'kept, not made anew').toBe(served);

    const setCookie = await new Promise<string>((done, fail) => {
      const body = JSON.stringify({ code: pairing.value.code });
      httpsRequest(
        `${url}session`,
        { method: 'POST', rejectUnauthorized: false, headers: { 'content-type': 'application/json', host: `127.0.0.1:${port}` } },
        (response) => {
          response.resume();
          done(String(response.headers['set-cookie']?.[0] ?? ''));
        },
      )
        .once('error', fail)
        .end(body);
    });
    expect(setCookie).toMatch(/; Secure$/);
  });

  it('beyond loopback the host refuses plain HTTP unless the configuration knowingly allows it', async () => {
    const config = testConfig(testBootstrap());
    const terminal = startTerminal(config, { log: () => undefined });
    running.push(() => terminal.stop());
    const options = { host: '0.0.0.0', port: 0, access: terminal.access, rendererDir: resolve('dist/renderer') };
    expect(() => new WebHost(terminal.api, options)).toThrow(/set web\.tls .*selfSigned/);
    expect(() => new WebHost(terminal.api, { ...options, allowPlaintext: true })).not.toThrow();
  });
});
