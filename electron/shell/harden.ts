import type { App, Session, WebContents } from 'electron';

/**
 * Electron's security checklist, applied to every web contents the app creates: no
 * navigation away from the app, no new windows, no webviews, no permission prompts.
 * Takes the Electron objects as parameters so tests can pass fakes of these few APIs.
 */
export function denyPermissions(session: Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler'>): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}

export function isAppUrl(url: string, appEntryUrl: string): boolean {
  try {
    const target = new URL(url);
    const entry = new URL(appEntryUrl);
    return target.protocol === entry.protocol && target.host === entry.host && target.pathname === entry.pathname;
  } catch {
    return false;
  }
}

export function lockDownContents(contents: Pick<WebContents, 'on' | 'setWindowOpenHandler'>, appEntryUrl: string): void {
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url, appEntryUrl)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url, appEntryUrl)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

export function lockDownEveryContents(app: Pick<App, 'on'>, appEntryUrl: string): void {
  app.on('web-contents-created', (_event, contents) => lockDownContents(contents, appEntryUrl));
}
