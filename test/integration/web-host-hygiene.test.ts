import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { REFUSAL_LOG_WINDOW_MS } from '../../electron/core/host/refusal-log';
import type { KdsConfig } from '../../shared/config';
import { createTopics, testConfig } from '../support/core-harness';
import { testBootstrap, testKafka } from '../support/kafka';
import { ManualClock } from '../support/manual-clock';
import { hostTerminal, httpFrom, pairNewScreen, ScreenSocket, type HostedTerminal } from '../support/web-host-clients';

const running: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((stop) => stop()));
});

async function hosted(options: Parameters<typeof hostTerminal>[1] = {}): Promise<HostedTerminal & { config: KdsConfig }> {
  const config = testConfig(testBootstrap());
  await createTopics(testKafka(), config, 1);
  const terminal = await hostTerminal(config, options);
  running.push(terminal.stop);
  return { ...terminal, config };
}

describe("the web host's hygiene", () => {
  it('a flood of refused requests writes two log lines a minute, not one per request', async () => {
    const clock = new ManualClock();
    const terminal = await hosted({ clock });
    const { host } = new URL(terminal.url);
    const statuses: number[] = [];
    for (let i = 0; i < 300; i += 1) {
      statuses.push(
        (await httpFrom(terminal.url, { path: '/api/status', headers: { host: `rebound-${i}.example:${new URL(terminal.url).port}` } }))
          .status,
      );
      statuses.push((await httpFrom(terminal.url, { path: '/api/status', headers: { host } })).status);
    }
    expect(new Set(statuses)).toEqual(new Set([403, 401]));
    const refusals = () => terminal.logs.filter((line) => line.includes('refused'));
    expect(refusals()).toEqual([
      expect.stringMatching(
        /^warn web host refused a request \(403 Forbidden\): GET \/api\/status from 127\.0\.0\.1, host rebound-0\.example/,
      ),
    ]);
    await clock.advance(REFUSAL_LOG_WINDOW_MS);
    expect(refusals()).toEqual([
      expect.any(String),
      'warn web host: 599 more refused requests in the last minute (300 × 401 Unauthorized, 299 × 403 Forbidden)',
    ]);
  });

  it('a request cannot write a line of its own into the log: control characters in what it says are escaped', async () => {
    const clock = new ManualClock();
    const terminal = await hosted({ clock });
    const { port } = new URL(terminal.url);
    const answer = await httpFrom(terminal.url, {
      path: '/api/x%0a[kds]%20screen%20access%20rotated%0d%0a%1b[2J',
      headers: { host: `127.0.0.1:${port}` },
    });
    expect(answer.status).toBe(401);
    const refusals = terminal.logs.filter((line) => line.includes('refused'));
    expect(refusals).toEqual([
      'warn web host refused a request (401 Unauthorized): GET /api/x\\n[kds] screen access rotated\\r\\n\\u001b[2J from 127.0.0.1, ' +
        `host 127.0.0.1:${port}, origin undefined`,
    ]);
    expect(terminal.logs.join('\n')).not.toMatch(/\r|\n\[kds\]/);
    expect(terminal.logs.some((line) => line.includes(String.fromCharCode(0x1b)))).toBe(false);
  });

  it("a paired screen's diagnostics export holds no path of the terminal's machine", async () => {
    const terminal = await hosted();
    const screen = await ScreenSocket.opened(terminal.url, { cookie: await pairNewScreen(terminal) });
    const exported = await screen.request('diagnosticsExport', {});
    if (!exported.ok) throw new Error(exported.error);
    expect(terminal.config.dataDir).toMatch(/^\//);
    expect(JSON.stringify(exported.value)).not.toContain(terminal.config.dataDir);
    expect(exported.value).toMatchObject({ config: { dataDir: '<data folder>' } });
  });

  it('the static file server does not follow a link inside the build to a file outside it', async () => {
    const outside = mkdtempSync(join(tmpdir(), 'kds-outside-'));
    writeFileSync(join(outside, 'secret.txt'), 'not for screens');
    mkdirSync(join(outside, 'folder'));
    writeFileSync(join(outside, 'folder', 'inner.txt'), 'not for screens either');
    const build = mkdtempSync(join(tmpdir(), 'kds-build-'));
    writeFileSync(join(build, 'index.html'), '<!doctype html><title>kds</title>');
    symlinkSync(join(outside, 'secret.txt'), join(build, 'leak.txt'));
    symlinkSync(join(outside, 'folder'), join(build, 'assets'));
    symlinkSync(join(build, 'index.html'), join(build, 'home.html'));
    const terminal = await hosted({ rendererDir: build });

    const leak = await httpFrom(terminal.url, { path: '/leak.txt' });
    expect(leak.status).toBe(404);
    expect(leak.body).not.toContain('not for screens');
    expect((await httpFrom(terminal.url, { path: '/assets/inner.txt' })).status).toBe(404);
    expect((await httpFrom(terminal.url, { path: '/home.html' })).body, 'a link within the build still serves').toContain(
      '<title>kds</title>',
    );
  });
});
