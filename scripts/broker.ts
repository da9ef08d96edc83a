import { writeFileSync } from 'node:fs';
import { LocalBroker } from './kafka/local-broker';
import { KAFKA_VERSION } from './kafka/kafka-jars';

/**
 * `npm run broker`: a local single-node Kafka for development. Prints its bootstrap
 * address and runs until Ctrl-C. `--bootstrap-file F` also writes the address to F
 * (line 1), the JVM's pid (line 2) and its SASL_SSL listener as JSON (line 3: address, CA file,
 * SCRAM user); the test run uses it to share one broker between its runners; `--port N` pins the port.
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

const started = Date.now();
const broker = await LocalBroker.create({ port });
await broker.start();
const seconds = ((Date.now() - started) / 1000).toFixed(1);
console.log(`Kafka ${KAFKA_VERSION} broker ready in ${seconds} s at ${broker.bootstrap} (cluster id ${broker.clusterId})`);
console.log(`SASL_SSL (SCRAM-SHA-512) listener at ${broker.secure.bootstrap}, CA ${broker.secure.caFile}, user ${broker.secure.username}`);
const bootstrapFile = flag('--bootstrap-file');
if (bootstrapFile) writeFileSync(bootstrapFile, `${broker.bootstrap}\n${broker.describe().pid}\n${JSON.stringify(broker.secure)}\n`);

let stopping = false;
async function shutdown(): Promise<void> {
  if (stopping) return;
  stopping = true;
  console.log('Stopping Kafka...');
  await broker.destroy();
  process.exit(0);
}
process.on('SIGINT', () => void shutdown());
process.on('SIGTERM', () => void shutdown());
