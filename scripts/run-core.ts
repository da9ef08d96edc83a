import { parseArgs } from 'node:util';
import { startTerminal, type Terminal } from '../electron/core/app/terminal';
import { ConfigError, loadConfig } from '../electron/core/config/load-config';
import { EnvironmentGuardError } from '../electron/core/kafka/environment-guard';
import { exitUnlessNativeModulesLoad } from './lib/native-modules';

/**
 * `npm run core -- --config FILE`: the ingest core without a screen, printing its status line
 * every few seconds (what the status bar will show). Ctrl-C stops it cleanly.
 */
let configFile: string;
try {
  const { values } = parseArgs({ options: { config: { type: 'string' } } });
  configFile = values.config ?? 'config/kds.example.json';
} catch (error) {
  console.error(`${(error as Error).message}\nusage: npm run core -- --config FILE`);
  process.exit(2);
}
exitUnlessNativeModulesLoad('npm run core -- --config FILE');

let terminal: Terminal;
try {
  terminal = startTerminal(loadConfig(configFile));
} catch (error) {
  if (error instanceof ConfigError || error instanceof EnvironmentGuardError) {
    console.error(`[kds] ${error.message}`);
    process.exit(2);
  }
  throw error;
}
const { config } = terminal;
console.log(
  `[kds] terminal ${config.terminalId} of merchant ${config.merchantId} reading ${config.topics.orders}; data in ${config.dataDir}`,
);

const timer = setInterval(() => {
  const s = terminal.status();
  const open = s.counters['records.applied'] ?? 0;
  const connection = s.connection.state === 'online' ? 'online' : `${s.connection.state} since ${s.connection.since}`;
  console.log(
    `[kds] ${connection} | consumer ${s.consumer.state} | events applied ${open} | lag ${s.totalLag ?? '?'} | retrying ${s.retryDepth} | parked ${s.parked} | dead letters ${s.deadLetters}`,
  );
}, 5_000);

async function shutdown(): Promise<void> {
  clearInterval(timer);
  await terminal.stop();
  process.exit(0);
}
process.on('SIGINT', () => void shutdown());
process.on('SIGTERM', () => void shutdown());
