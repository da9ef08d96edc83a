import { app, BrowserWindow, dialog, ipcMain, powerSaveBlocker, safeStorage, session } from 'electron';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PRODUCT_NAME } from '../shared/product';
import type { AppApi } from '../shared/app-api';
import type { KdsConfig } from '../shared/config';
import { WorkerTerminal } from './core/app/worker-terminal';
import { RestartBudget } from './shell/crash-restart';
import { denyPermissions, lockDownEveryContents } from './shell/harden';
import { openLogFile, type LogFile } from './shell/log-file';
import { registerAppApi } from './shell/ipc-wiring';
import { keyStoreSealer } from './shell/safe-storage-sealer';

/**
 * The thin Electron shell: one window, secured, wired to the core (in a worker thread) through
 * the contract's IPC channels. Everything that matters lives in electron/core (plain Node) and renderer/.
 * Configuration: the file named by KDS_CONFIG, else kds.json in the app's user-data folder; on a
 * first start there is none and the screen shows the setup form, which writes it.
 */
const rendererEntry = pathToFileURL(join(__dirname, '..', 'renderer', 'index.html')).toString();
let runner: WorkerTerminal | undefined;
let stopped = false;
let logFile: LogFile | undefined;
const desktopDefaults: KdsConfig['desktop'] = { kiosk: false, fullscreen: false, startAtLogin: true };

async function startCore(): Promise<WorkerTerminal> {
  logFile = openLogFile(app.getPath('logs'));
  // Kafka and SQLite in a worker thread: this thread keeps the window and its IPC answering.
  const started = await WorkerTerminal.start({
    configFile: process.env.KDS_CONFIG ?? join(app.getPath('userData'), 'kds.json'),
    workerScript: join(__dirname, 'core-worker.cjs'),
    sealer: await keyStoreSealer(safeStorage, process.platform),
    newConfigDefaults: { dataDir: join(app.getPath('userData'), 'data') },
    log: logFile.log,
    onCrash: crashed,
  });
  // A terminal comes back by itself after a power cut or an update's restart.
  const { startAtLogin } = started.config?.desktop ?? desktopDefaults;
  if (startAtLogin !== app.getLoginItemSettings().openAtLogin) app.setLoginItemSettings({ openAtLogin: startAtLogin });
  return started;
}

function createWindow(api: AppApi, desktop: KdsConfig['desktop']): void {
  const window = new BrowserWindow({
    title: PRODUCT_NAME,
    width: 1280,
    height: 800,
    backgroundColor: '#0b0d10',
    fullscreen: desktop.fullscreen,
    kiosk: desktop.kiosk,
    webPreferences: {
      preload: join(__dirname, 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
    },
  });
  const unregister = registerAppApi(ipcMain, window.webContents, api, rendererEntry);
  window.on('closed', unregister);
  // A crashed renderer must not leave a kitchen staring at a dead screen; one that crashes again
  // and again must not blink forever either.
  const rendererCrashes = new RestartBudget(undefined, 5, 10 * 60_000);
  window.webContents.on('render-process-gone', (_event, details) => {
    logFile?.log('error', `the screen's renderer is gone (${details.reason})`);
    if (rendererCrashes.take()) window.reload();
    else dialog.showErrorBox(`${PRODUCT_NAME}: the screen keeps failing`, 'It crashed five times in ten minutes. Call IT support.');
  });
  void window.loadURL(rendererEntry);
}

/**
 * An error nothing handled leaves the core in an unknown state: relaunch the whole app (its state
 * is in SQLite, written transactionally), a few times at most; past that, say so and stop.
 */
function crashed(error: unknown): void {
  const message = `unexpected error in the main process: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`;
  if (logFile) logFile.log('error', message);
  else console.error(`[kds] ${message}`);
  if (new RestartBudget(join(app.getPath('userData'), 'crash-restarts.json')).take()) app.relaunch();
  else dialog.showErrorBox(`${PRODUCT_NAME} keeps failing`, 'It stopped after restarting five times in ten minutes. Call IT support.');
  app.exit(1);
}
process.on('uncaughtException', crashed);
process.on('unhandledRejection', crashed);

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
    void startCore().then((started) => {
      runner = started;
      createWindow(started.api, started.config?.desktop ?? desktopDefaults);
    }, crashed);
  });
  app.on('window-all-closed', () => app.quit());
  // Quit waits for the core to stop: consumers leave their groups and the database closes cleanly.
  app.on('before-quit', (event) => {
    if (!runner || stopped) return;
    event.preventDefault();
    void runner.stop().finally(() => {
      stopped = true;
      app.quit();
    });
  });
}
