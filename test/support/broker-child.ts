import { LocalBroker } from '../../scripts/kafka/local-broker';

/** Child process for the lifecycle test: starts a broker, reports its JVM pid, then waits to be killed. */
const broker = await LocalBroker.create();
await broker.start();
process.stdout.write(`${JSON.stringify(broker.describe())}\n`);
setInterval(() => undefined, 60_000);
