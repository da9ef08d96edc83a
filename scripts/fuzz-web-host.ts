import { parseArgs } from 'node:util';
import { Kafka, logLevel } from 'kafkajs';
import { LocalBroker } from './kafka/local-broker';
import { startHostedTerminal } from '../test/support/hosted-terminal';
import { fuzzWebHost } from './fuzz/web-fuzz';
import { createTopics, testConfig } from '../test/support/core-harness';

/**
 * `npm run fuzz -- [--inputs N] [--seed S]`: a real terminal behind its web host on loopback,
 * its own broker, N malformed or hostile inputs; prints the figures RELIABILITY.md keeps.
 */
const { values } = parseArgs({ options: { inputs: { type: 'string', default: '10000' }, seed: { type: 'string', default: '1' } } });
const inputs = Number(values.inputs);
const seed = Number(values.seed);
const broker = await LocalBroker.create();
await broker.start();
try {
  const env = `fuzz${Date.now()}`;
  const config = testConfig(broker.bootstrap, { env, terminalId: 'fuzz' });
  await createTopics(new Kafka({ brokers: [broker.bootstrap], logLevel: logLevel.NOTHING }), config, 1);
  const { terminal, url, stop } = await startHostedTerminal(config);
  const started = Date.now();
  const token = terminal.access.bearerToken();
  const stats = await fuzzWebHost(url, inputs, seed, token);
  const alive = (await fetch(`${url}api/status`, { headers: { authorization: `Bearer ${token}` } })).status === 200;
  console.log(`inputs: ${inputs} (seed ${seed}) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  console.log(`HTTP requests: ${stats.http}, WebSocket frames: ${stats.frames}, commands: ${stats.commands}`);
  console.log(`bad commands refused with an error: ${stats.commandErrors}; other answers: ${stats.commandSurprises.length}`);
  console.log(`host alive afterwards: ${alive ? 'yes' : 'NO'}`);
  await stop();
  if (!alive || stats.commandSurprises.length > 0) process.exitCode = 1;
} finally {
  await broker.destroy();
}
