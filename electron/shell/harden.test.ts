import { describe, expect, it } from 'vitest';
import { denyPermissions, isAppUrl, lockDownContents } from './harden';

// These tests drive the shell's security wiring with an injected fake of the few Electron
// APIs it touches (Electron itself cannot be launched on the CI machines).
type Listener = (event: { preventDefault: () => void; defaultPrevented?: boolean }, url: string) => void;

function fakeContents() {
  const listeners = new Map<string, Listener>();
  let openHandler: (() => { action: string }) | undefined;
  return {
    on: (name: string, listener: Listener) => listeners.set(name, listener),
    setWindowOpenHandler: (handler: () => { action: string }) => (openHandler = handler),
    fire(name: string, url = ''): boolean {
      let prevented = false;
      listeners.get(name)?.({ preventDefault: () => (prevented = true) }, url);
      return prevented;
    },
    openAction: () => openHandler?.().action,
  };
}

const entry = 'file:///opt/kds/resources/app.asar/dist/renderer/index.html';

describe('Electron shell hardening (fake Electron APIs)', () => {
  it('denies navigation away from the app, new windows and webviews', () => {
    const contents = fakeContents();
    lockDownContents(contents as never, entry);
    expect(contents.fire('will-navigate', 'https://evil.example/')).toBe(true);
    expect(contents.fire('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(contents.fire('will-redirect', 'http://127.0.0.1:9/')).toBe(true);
    expect(contents.fire('will-navigate', `${entry}#/tickets`)).toBe(false);
    expect(contents.fire('will-attach-webview')).toBe(true);
    expect(contents.openAction()).toBe('deny');
  });

  it('answers every permission request and check with no', () => {
    const answers: boolean[] = [];
    let check: (() => boolean) | undefined;
    denyPermissions({
      setPermissionRequestHandler: (handler: (c: unknown, p: string, cb: (granted: boolean) => void) => void) =>
        handler(undefined, 'media', (granted) => answers.push(granted)),
      setPermissionCheckHandler: (handler: () => boolean) => (check = handler),
    } as never);
    expect(answers).toEqual([false]);
    expect(check?.()).toBe(false);
  });

  it('treats malformed URLs as foreign', () => {
    expect(isAppUrl('not a url', entry)).toBe(false);
  });
});
