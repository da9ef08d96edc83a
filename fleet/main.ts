import { parseArgs } from 'node:util';
import { loadFleetConfig } from './fleet-config';
import { fleetToken, startFleetService } from './fleet-service';

/** `npm run fleet`: the platform's fleet service (README "Fleet service"). */
async function main(): Promise<void> {
  // Settings come from KDS_FLEET_* and KDS_FLEET_CONFIG (README "Fleet service"); an argument is a mistake said at once.
  parseArgs({ options: {}, strict: true });
  const config = loadFleetConfig(process.env);
  const { generated } = fleetToken(config);
  const service = await startFleetService(config);
  console.log(`[fleet] watching ${config.topics.health} on ${config.brokers.join(',')}`);
  // The token is shown once, when it is made; afterwards it is read from the data folder, never logged.
  if (generated || process.env.KDS_FLEET_SHOW_URL === '1') console.log(`[fleet] page: ${service.url}/#token=${service.token}`);
  else console.log(`[fleet] page: ${service.url}/ (its token is in ${config.dataDir}/fleet-token)`);
  console.log(`[fleet] metrics: ${service.url}/metrics (Authorization: Bearer <token>)`);
  const stop = () => {
    void service.stop().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(`[fleet] ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
