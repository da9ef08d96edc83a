import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { startTerminal, type Terminal } from '../electron/core/app/terminal';
import { ConfigError, loadConfig } from '../electron/core/config/load-config';
import { WebHost } from '../electron/core/host/web-host';
import { EnvironmentGuardError } from '../electron/core/kafka/environment-guard';

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

let terminal: Terminal | undefined;
let host: WebHost;
try {
  const config = loadConfig(configFile);
  terminal = startTerminal(config);
  host = new WebHost(terminal.api, { ...config.web, rendererDir: resolve('dist/renderer') });
  const url = await host.start();
  console.log(`[kds] kitchen screen for ${config.merchantId}/${config.terminalId}: open ${url}`);
} catch (error) {
  if (error instanceof ConfigError || error instanceof EnvironmentGuardError || (error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
    console.error(`[kds] ${(error as Error).message}`);
    await terminal?.stop();
    process.exit(2);
  }
  throw error;
}

async function shutdown(): Promise<void> {
  await host.stop();
  await terminal?.stop();
  process.exit(0);
}
process.on('SIGINT', () => void shutdown());
process.on('SIGTERM', () => void shutdown());
