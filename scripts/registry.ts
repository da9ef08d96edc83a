import { writeFileSync } from 'node:fs';
import { LocalRegistry, REGISTRY_VERSION } from './kafka/schema-registry';

/**
 * `npm run registry`: a local schema registry (Apicurio Registry, in-memory) for development and
 * the Avro demo. Prints its Confluent-compatible URL and runs until Ctrl-C. `--url-file F` also
 * writes that URL to F; `--port N` pins the port.
 */
function flag(name: string): string | undefined {
  const index = process.argv.indexOf(name);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

const portFlag = flag('--port');
const port = portFlag === undefined ? undefined : Number(portFlag);
if (port !== undefined && !(Number.isInteger(port) && port > 0 && port < 65536)) {
  console.error(`--port must be a TCP port number (1-65535), got "${portFlag}"`);
  process.exit(2);
}

const registry = await LocalRegistry.create({ port });
await registry.start();
console.log(`Apicurio Registry ${REGISTRY_VERSION} ready in ${(registry.startMs / 1000).toFixed(1)} s at ${registry.ccompatUrl}`);
const urlFile = flag('--url-file');
if (urlFile) writeFileSync(urlFile, `${registry.ccompatUrl}\n`);

let stopping = false;
async function shutdown(): Promise<void> {
  if (stopping) return;
  stopping = true;
  console.log('Stopping the schema registry...');
  await registry.destroy();
  process.exit(0);
}
process.on('SIGINT', () => void shutdown());
process.on('SIGTERM', () => void shutdown());
