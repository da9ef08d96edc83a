import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ScreenAccess } from '../../electron/core/app/screen-access';
import { WebHost } from '../../electron/core/host/web-host';
import type { AppApi } from '../../shared/app-api';
import { ManualClock } from '../support/manual-clock';

/**
 * The strict Content-Security-Policy on what the web host serves (docs/DESIGN.md §7, SECURITY.md):
 * asserted on the header itself, directive by directive, so a loosened policy fails here rather than
 * only when a page happens to break.
 */
const STRICT: Record<string, string> = {
  'default-src': "'none'",
  'script-src': "'self'",
  'style-src': "'self'",
  'img-src': "'self' data:",
  'font-src': "'self'",
  'connect-src': "'self'",
  'media-src': "'self' data:",
  'base-uri': "'none'",
  'form-action': "'none'",
  'frame-ancestors': "'none'",
};

/** A policy header as directive → sources. */
function directives(policy: string): Record<string, string> {
  return Object.fromEntries(
    policy
      .split(';')
      .map((part) => part.trim())
      .filter(Boolean)
      .map((part) => {
        const [name = '', ...sources] = part.split(/\s+/);
        return [name, sources.join(' ')];
      }),
  );
}

const stops: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(stops.splice(0).map((stop) => stop()));
});

async function servedBuild(): Promise<string> {
  const build = mkdtempSync(join(tmpdir(), 'kds-csp-build-'));
  writeFileSync(join(build, 'index.html'), '<!doctype html><title>kds</title><script type="module" src="/assets/app.js"></script>');
  mkdirSync(join(build, 'assets'));
  writeFileSync(join(build, 'assets', 'app.js'), 'export {};');
  const data = mkdtempSync(join(tmpdir(), 'kds-csp-data-'));
  // Static files need no API: the host never calls it for them.
  const host = new WebHost({} as AppApi, {
    host: '127.0.0.1',
    port: 0,
    access: ScreenAccess.open(data, new ManualClock()),
    rendererDir: build,
    log: () => undefined,
  });
  const url = await host.start();
  stops.push(() => host.stop());
  return url;
}

describe("the web host's Content-Security-Policy", () => {
  it('comes with the screen page and its scripts, and is the strict policy, directive by directive', async () => {
    const url = await servedBuild();
    for (const path of ['', 'assets/app.js']) {
      const response = await fetch(new URL(path, url));
      expect(response.status, path).toBe(200);
      const policy = response.headers.get('content-security-policy');
      expect(policy, `${path || '/'} carries a policy`).toBeTruthy();
      expect(directives(policy ?? '')).toEqual(STRICT);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    }
  });

  it('reads a policy into its directives (nothing inline, nothing from elsewhere slips through a loose parse)', () => {
    expect(directives("default-src 'none'; script-src 'self' 'unsafe-inline';")).toEqual({
      'default-src': "'none'",
      'script-src': "'self' 'unsafe-inline'",
    });
    expect(directives("default-src 'none'; script-src 'self' 'unsafe-inline'")).not.toEqual(STRICT);
  });
});
