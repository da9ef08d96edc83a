import { app, BrowserWindow, powerSaveBlocker, session } from 'electron';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PRODUCT_NAME } from '../shared/product';
import { denyPermissions, lockDownEveryContents } from './shell/harden';

/**
 * The thin Electron shell: one window, secured; everything that matters lives in
 * electron/core (plain Node) and renderer/ (browser), which are tested without Electron.
 */
const rendererEntry = pathToFileURL(join(__dirname, '..', 'renderer', 'index.html')).toString();

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  lockDownEveryContents(app, rendererEntry);
  app.on('second-instance', () => {
    const [window] = BrowserWindow.getAllWindows();
    if (window) {
      if (window.isMinimized()) window.restore();
      window.focus();
    }
  });
  app.whenReady().then(() => {
    denyPermissions(session.defaultSession);
    // A kitchen screen that dims or sleeps mid-rush hides tickets.
    powerSaveBlocker.start('prevent-display-sleep');
    const window = new BrowserWindow({
      title: PRODUCT_NAME,
      width: 1280,
      height: 800,
      backgroundColor: '#0b0d10',
      fullscreen: process.env.KDS_FULLSCREEN === '1',
      webPreferences: {
        preload: join(__dirname, 'preload.cjs'),
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        webSecurity: true,
        spellcheck: false,
      },
    });
    window.webContents.on('render-process-gone', () => window.reload());
    void window.loadURL(rendererEntry);
  });
  app.on('window-all-closed', () => app.quit());
}
