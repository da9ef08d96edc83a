import { parseArgs } from 'node:util';
import { Kafka, logLevel } from 'kafkajs';
import { OrderRouterProcess } from './kafka/order-router';

/**
 * `npm run router -- --bootstrap HOST:PORT --env ENV`: one instance of the order router (router/,
 * Kafka Streams) re-keying `<env>.orders` into `<env>.kds-orders` for terminals in routed mode,
 * until Ctrl-C. Start more with the same env to share the work (Kafka Streams balances them).
 */
const usage = 'npm run router -- --bootstrap HOST:PORT --env ENV';
let options;
try {
  options = parseArgs({
    options: { bootstrap: { type: 'string', default: '127.0.0.1:9092' }, env: { type: 'string', default: 'dev' } },
  }).values;
} catch (error) {
  console.error(`${(error as Error).message}\n${usage}`);
  process.exit(2);
}
// Kafka Streams stops on a missing source topic: wait for the platform's (the demo's simulator creates them).
const topics = [`${options.env}.orders`, `${options.env}.kds-orders`, `${options.env}.kds-routing`];
const admin = new Kafka({ brokers: [options.bootstrap], clientId: 'kds-router-start', logLevel: logLevel.NOTHING }).admin();
await admin.connect();
for (let waited = 0; ; waited += 1) {
  const existing = new Set(await admin.listTopics());
  const missing = topics.filter((topic) => !existing.has(topic));
  if (missing.length === 0) break;
  if (waited === 0) console.log(`Waiting for ${missing.join(', ')}...`);
  if (waited >= 120) {
    console.error(`The order router needs ${missing.join(', ')}; create them first (npm run simulate -- --routed creates them).`);
    process.exit(1);
  }
  await new Promise((resolve) => setTimeout(resolve, 500));
}
await admin.disconnect();
const router = await OrderRouterProcess.start({ bootstrap: options.bootstrap, env: options.env });
console.log(`Order router running: ${options.env}.orders → ${options.env}.kds-orders (log: ${router.stateDir}/router.log)`);
const stop = () => void router.stop().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
