import { existsSync } from 'node:fs';
import { networkInterfaces } from 'node:os';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import QRCode from 'qrcode';
import { WorkerTerminal } from '../electron/core/app/worker-terminal';
import { ConfigError } from '../electron/core/config/load-config';
import { WebHost } from '../electron/core/host/web-host';
import { consoleLog } from '../electron/core/lib/log';
import { loadWebTls } from '../electron/core/host/web-tls';
import type { AppApi } from '../shared/app-api';
import type { KdsConfig } from '../shared/config';
import { exitUnlessNativeModulesLoad } from './lib/native-modules';

/**
 * `npm run serve -- --config FILE`: the core and the web host without Electron, for a second
 * screen or an expo tablet, and for the end-to-end tests. Serves the renderer build.
 */
let configFile: string;
try {
  configFile = parseArgs({ options: { config: { type: 'string' } } }).values.config ?? 'config/kds.example.json';
} catch (error) {
  console.error(`${(error as Error).message}\nusage: npm run serve -- --config FILE`);
  process.exit(2);
}
exitUnlessNativeModulesLoad('npm run serve -- --config FILE');

let runner: WorkerTerminal | undefined;
let host: WebHost;
try {
  // The settings screen (behind pairing and the PIN) rewrites this file and restarts the core in place.
  if (!existsSync(configFile)) throw new ConfigError(`cannot read the configuration file ${configFile}: it does not exist`);
  // The core (Kafka, SQLite) in a worker thread: this thread only serves the screens.
  runner = await WorkerTerminal.start({
    configFile,
    newConfigDefaults: { dataDir: resolve('.kds-data') },
    workerScript: fileURLToPath(new URL('./lib/core-worker-from-source.mjs', import.meta.url)),
    log: consoleLog,
    onCrash: () => process.exit(1),
  });
  const config = runner.config;
  if (!config || !runner.access) throw new ConfigError(runner.notRunning ?? 'the terminal did not start');
  // A self-signed certificate names this machine's addresses and the configured LAN names.
  const names = [
    ...Object.values(networkInterfaces()).flatMap((entries) => (entries ?? []).map((entry) => entry.address)),
    ...config.web.allowedHosts.map((name) => name.replace(/:\d+$/, '').replace(/^\[|\]$/g, '')),
  ];
  const tls = await loadWebTls(config, names);
  const { host: bindHost, port, allowedHosts, allowPlaintext } = config.web;
  host = new WebHost(runner.api, {
    host: bindHost,
    port,
    allowedHosts,
    allowPlaintext,
    tls,
    access: runner.access,
    rendererDir: resolve('dist/renderer'),
  });
  const url = await host.start();
  await announcePairing(runner.api, config, url);
} catch (error) {
  if (
    error instanceof ConfigError ||
    (error as NodeJS.ErrnoException).code === 'EADDRINUSE' ||
    /^(web\.tls|the web host binds)/.test((error as Error).message)
  ) {
    console.error(`[kds] ${(error as Error).message}`);
    await runner?.stop();
    process.exit(2);
  }
  throw error;
}

async function shutdown(): Promise<void> {
  await host.stop();
  await runner?.stop();
  process.exit(0);
}
process.on('SIGINT', () => void shutdown());
process.on('SIGTERM', () => void shutdown());

/**
 * The first screen pairs with a code printed here (single use, 10 minutes; the access token
 * itself is never printed). Later screens pair from a paired screen's diagnostics.
 */
async function announcePairing(api: AppApi, config: KdsConfig, url: string): Promise<void> {
  const pairing = await api.pairScreen({});
  if (!pairing.ok) throw new Error(pairing.error);
  const { code, url: link, certificateFingerprint } = pairing.value;
  const { merchantId, terminalId } = config;
  console.log(`[kds] kitchen screen for ${merchantId}/${terminalId} at ${url}`);
  console.log(`[kds] pair a screen within 10 minutes: open ${link ?? url} (or enter code ${code.slice(0, 4)} ${code.slice(4)})`);
  if (certificateFingerprint) console.log(`[kds] the certificate's SHA-256 fingerprint: ${certificateFingerprint}`);
  if (process.stdout.isTTY && link) console.log(await QRCode.toString(link, { type: 'terminal', small: true }));
}
