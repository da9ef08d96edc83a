import { execFileSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import { Kafka, logLevel } from 'kafkajs';
import { createTopicsReady } from '../kafka/create-topics';
import { LocalBroker } from '../kafka/local-broker';
import { testConfig } from '../../test/support/core-harness';

/**
 * `npm run bench:idle [-- --seconds 30]`: what an idle terminal costs (broker up, topics empty,
 * no screen): its own CPU time over a window after a warm-up, as a share of one core. Add
 * `--profile DIR` to write a V8 CPU profile of the child.
 */
const { values } = parseArgs({ options: { seconds: { type: 'string', default: '30' }, profile: { type: 'string' } } });
const broker = await LocalBroker.create();
await broker.start();
try {
  const env = `idle${Date.now()}`;
  const admin = new Kafka({ brokers: [broker.bootstrap], logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  await createTopicsReady(admin, [
    { topic: `${env}.orders`, numPartitions: 6 },
    { topic: `${env}.kitchen-events`, numPartitions: 3 },
  ]);
  await admin.disconnect();
  // The product's defaults where they cost CPU (session timeout, so heartbeats; retries).
  const config = testConfig(broker.bootstrap, {
    env,
    terminalId: 'idle',
    kafka: { brokers: [broker.bootstrap] },
    retry: { maxAttempts: 7, baseDelayMs: 1_000, maxDelayMs: 60_000 },
  });
  const profile = values.profile ? ['--cpu-prof', `--cpu-prof-dir=${values.profile}`] : [];
  const out = execFileSync(
    process.execPath,
    [...profile, '--import', 'tsx', 'scripts/bench/idle-child.ts', JSON.stringify(config), '10000', String(Number(values.seconds) * 1000)],
    { encoding: 'utf8' },
  );
  const { cpuPercent, state } = JSON.parse(out.trim().split('\n').pop() ?? '{}') as { cpuPercent: number; state: string };
  console.log(`idle terminal (${state}): ${cpuPercent.toFixed(2)} % of one core over ${values.seconds} s`);
} finally {
  await broker.destroy();
}
