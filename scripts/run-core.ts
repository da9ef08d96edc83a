import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../electron/core/config/load-config';
import { KdsCore } from '../electron/core/kds-core';
import { EnvironmentGuardError } from '../electron/core/kafka/environment-guard';

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

let core: KdsCore;
try {
  core = new KdsCore(loadConfig(configFile));
} catch (error) {
  if (error instanceof ConfigError || error instanceof EnvironmentGuardError) {
    console.error(`[kds] ${error.message}`);
    process.exit(2);
  }
  throw error;
}
core.start();
console.log(
  `[kds] terminal ${core.config.terminalId} of merchant ${core.config.merchantId} reading ${core.config.topics.orders}; data in ${core.config.dataDir}`,
);

const timer = setInterval(() => {
  const s = core.status();
  const open = core.orders().filter((o) => o.status === 'OPEN').length;
  const connection = s.connection.state === 'online' ? 'online' : `${s.connection.state} since ${s.connection.since}`;
  console.log(
    `[kds] ${connection} | consumer ${s.consumer.state} | open orders ${open} | lag ${s.totalLag ?? '?'} | retrying ${s.retryDepth} | parked ${s.parked} | dead letters ${s.deadLetters}`,
  );
}, 5_000);

async function shutdown(): Promise<void> {
  clearInterval(timer);
  await core.stop();
  process.exit(0);
}
process.on('SIGINT', () => void shutdown());
process.on('SIGTERM', () => void shutdown());
