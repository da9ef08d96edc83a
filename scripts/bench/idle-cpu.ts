import { parseArgs } from 'node:util';
import { Kafka, logLevel } from 'kafkajs';
import { LocalBroker } from '../kafka/local-broker';
import { idleCost } from './scenarios/idle';

/**
 * `npm run bench:idle [-- --seconds 30]`: what an idle terminal costs (broker up, topics empty,
 * no screen): its own CPU time over a window after a warm-up, as a share of one core. Add
 * `--profile DIR` to write a V8 CPU profile of the child.
 */
const { values } = parseArgs({ options: { seconds: { type: 'string', default: '30' }, profile: { type: 'string' } } });
const broker = await LocalBroker.create();
await broker.start();
try {
  const kafka = new Kafka({ brokers: [broker.bootstrap], logLevel: logLevel.NOTHING });
  const idle = await idleCost(kafka, broker.bootstrap, 10_000, Number(values.seconds) * 1000, values.profile);
  console.log(
    `idle terminal (${idle.state}): ${idle.cpuPercent.toFixed(2)} % of one core over ${idle.seconds} s (user ${idle.userPercent.toFixed(2)} %, system ${idle.systemPercent.toFixed(2)} %)`,
  );
} finally {
  await broker.destroy();
}
