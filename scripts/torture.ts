import { parseArgs } from 'node:util';
import { Kafka, logLevel } from 'kafkajs';
import { startTerminal } from '../electron/core/app/terminal';
import { Storage } from '../electron/core/store/storage';
import type { KdsConfig } from '../shared/config';
import { fuzzedRecord } from './fuzz/record-fuzz';
import { createTopicsReady } from './kafka/create-topics';
import { LocalBroker } from './kafka/local-broker';
import { simulateStream, type SimRecord } from './simulator/order-simulator';
import { produceRecords } from './simulator/produce';
import { seededRandom } from './simulator/random';
import { startCoreProcess } from './torture/core-process';
import { expectedOrders } from './torture/oracle';
import { rollingRestartDuringRush } from './torture/rolling-restart';
import { readTopicWithKcat } from '../test/support/kcat';
import {
  grillAndFryOrder,
  inspectTerminal,
  kitchenEventsOf,
  produceOrders,
  sequencesByTerminalAndOrder,
} from '../test/support/kitchen-fixtures';
import { cookEveryTicket, TerminalProcess } from '../test/support/terminal-process';
import { testConfig } from '../test/support/core-harness';

/**
 * `npm run torture [-- --kills 100 --outbox-kills 20 --fuzz 10000 --seed 1]`: the faults of a
 * month in the field, in minutes, each checked against an independent oracle. (1) The core
 * SIGKILLed at random instants while it consumes a stream (reordered, duplicated and replayed
 * events, other merchants) with fuzzed records interleaved; (2) SIGKILLed again and again while
 * its outbox of cooks' actions drains; (3) the broker SIGSTOPped for 30 s then continued, and
 * SIGKILLed and restarted, under a terminal that keeps consuming; (4) a three-broker cluster
 * restarted broker by broker during a rush (its CI-sized run is in `npm test`). Prints the
 * figures for RELIABILITY.md; exits non-zero on any event or action lost or applied twice, or
 * a planned restart shown as offline.
 */
const { values } = parseArgs({
  options: {
    kills: { type: 'string', default: '100' },
    fuzz: { type: 'string', default: '10000' },
    seed: { type: 'string', default: '1' },
    'pause-seconds': { type: 'string', default: '30' },
    'outbox-kills': { type: 'string', default: '20' },
  },
});
const kills = Number(values.kills);
const fuzzCount = Number(values.fuzz);
const seed = Number(values.seed);
const pauseSeconds = Number(values['pause-seconds']);
const outboxKills = Number(values['outbox-kills']);
const random = seededRandom(seed);

interface Verdict {
  orders: number;
  lost: number;
  doubled: number;
  mismatched: number;
}

/** Compares a terminal's database with the oracle over the real orders (fuzzed records name orders of their own). */
function verdict(config: KdsConfig, records: SimRecord[]): Verdict {
  const expected = expectedOrders(records, config.merchantId);
  const store = Storage.openReadOnly(config.dataDir);
  const actual = new Map(store.orders.all().map((order) => [order.orderId, order]));
  store.close();
  let lost = 0;
  let doubled = 0;
  let mismatched = 0;
  for (const [orderId, want] of expected) {
    const got = actual.get(orderId);
    const applied = got?.eventsApplied ?? 0;
    if (applied < want.eventsApplied) lost += want.eventsApplied - applied;
    if (applied > want.eventsApplied) doubled += applied - want.eventsApplied;
    const same =
      got &&
      got.appliedVersion === want.version &&
      got.status === want.status &&
      got.paid === want.paid &&
      JSON.stringify(got.snapshot) === JSON.stringify(want.snapshot);
    if (!same) mismatched += 1;
  }
  return { orders: expected.size, lost, doubled, mismatched };
}

/** The tests' terminal configuration, with short sessions (a killed core leaves its group fast) and no gap timeouts. */
function terminalConfig(bootstrap: string, env: string): KdsConfig {
  return testConfig(bootstrap, {
    env,
    terminalId: 'torture',
    kafka: { brokers: [bootstrap], sessionTimeoutMs: 2_000 },
    gapTimeoutMs: 600_000,
  });
}

async function topics(kafka: Kafka, config: KdsConfig, partitions: number): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  await createTopicsReady(admin, [
    { topic: config.topics.orders, numPartitions: partitions },
    { topic: config.topics.kitchenEvents, numPartitions: 1 },
  ]);
  await admin.disconnect();
}

/** The core killed at random instants while it consumes, then one last run to the end. */
async function killWhileConsuming(
  broker: LocalBroker,
): Promise<Verdict & { kills: number; midStream: number; inputs: number; fuzzed: number; deadLetters: number }> {
  const config = terminalConfig(broker.bootstrap, `torture${Date.now()}`);
  const kafka = new Kafka({ brokers: [broker.bootstrap], logLevel: logLevel.NOTHING });
  await topics(kafka, config, 4);
  const stream = simulateStream({
    merchants: ['m-1', 'm-2'],
    // Long enough that every kill lands mid-stream (each run gets a few hundred records further).
    ordersPerMerchant: Math.max(3_000, kills * 120),
    seed,
    faults: { reorder: 0.1, duplicate: 0.05, versionReplay: 0.05, noHeader: 0.05 },
  });
  const records = [...stream];
  for (let i = 0; i < fuzzCount; i += 1) records.splice(Math.floor(random() * records.length), 0, fuzzedRecord(random, 'm-1'));
  await produceRecords(kafka, config.topics.orders, records, { batchSize: 1000 });
  console.log(`stream: ${stream.length} events of two merchants and ${fuzzCount} fuzzed records, ${records.length} in all`);

  let midStream = 0;
  for (let kill = 0; kill < kills; kill += 1) {
    const run = startCoreProcess(config);
    const before = await run.consumed(0);
    const reached =
      before >= records.length
        ? before
        : await Promise.race([run.consumed(before + 1), new Promise<number>((r) => setTimeout(() => r(before), 15_000))]);
    await new Promise((resolve) => setTimeout(resolve, Math.floor(random() * 400)));
    run.child.kill('SIGKILL');
    await run.exited;
    if (reached < records.length) midStream += 1;
    if ((kill + 1) % 10 === 0) console.log(`  ${kill + 1} kills, ${reached} of ${records.length} records behind stored offsets`);
  }
  const last = startCoreProcess(config);
  await last.consumed(records.length);
  last.child.kill('SIGTERM');
  await last.exited;
  const store = Storage.openReadOnly(config.dataDir);
  const deadLetters = store.deadLetters.count();
  store.close();
  return { ...verdict(config, stream), kills, midStream, inputs: records.length, fuzzed: fuzzCount, deadLetters };
}

/** Cooks' actions taken offline, then the terminal SIGKILLed again and again while its outbox drains to the broker. */
async function killWhileOutboxDrains(broker: LocalBroker): Promise<{
  kills: number;
  midDrain: number;
  /** From a start to its outbox's first acknowledged batch. */
  drainStartMs: { min: number; median: number; max: number };
  actions: number;
  onTopic: number;
  distinct: number;
  inOrder: boolean;
}> {
  const base = terminalConfig(broker.bootstrap, `outbox${Date.now()}`);
  const config = { ...base, terminalId: 'grill-1', stations: ['grill'] };
  const kafka = new Kafka({ brokers: [broker.bootstrap], logLevel: logLevel.NOTHING });
  await topics(kafka, config, 3);
  const orders = Array.from({ length: 1_000 }, (_, i) => grillAndFryOrder(`ord-${i}`));
  await produceOrders(kafka, config.topics.orders, orders);
  let terminal = await TerminalProcess.start(config);
  while ((await terminal.status()).counters['records.applied'] !== orders.length) await new Promise((resolve) => setTimeout(resolve, 50));
  await terminal.kill();

  // The network gone, the cooks keep working: three actions per ticket wait in the outbox.
  const offline = { ...config, kafka: { ...config.kafka, brokers: ['127.0.0.1:9'] } };
  terminal = await TerminalProcess.start(offline);
  const taken = await cookEveryTicket(
    terminal,
    'grill-1',
    orders.map((order) => order.orderId),
  );
  await terminal.kill();
  const actions = orders.length * 3;

  let kills = 0;
  let midDrain = 0;
  const drainStarts: number[] = [];
  let pendingBefore = actions;
  while (kills < outboxKills) {
    terminal = await TerminalProcess.start(config);
    // Killed within the drain whenever it begins after the start (a fixed delay missed it once starts got faster):
    // the first batch acknowledged, then a random moment within the next few.
    const ready = performance.now();
    // Up to the publisher's own read-back bound (30 s): a restarted terminal rejoins its groups behind its killed self.
    while ((await terminal.status()).outbox.pending === pendingBefore && performance.now() - ready < 30_000)
      await new Promise((resolve) => setTimeout(resolve, 5));
    drainStarts.push(Math.round(performance.now() - ready));
    await new Promise((resolve) => setTimeout(resolve, Math.floor(random() * 25)));
    await terminal.kill();
    kills += 1;
    const pending = inspectTerminal(config, (db) => db.outbox.status().pending);
    if (pending > 0 && pending < pendingBefore) midDrain += 1;
    pendingBefore = pending;
    if (pending === 0) break;
  }
  terminal = await TerminalProcess.start(config);
  while ((await terminal.status()).outbox.pending > 0) await new Promise((resolve) => setTimeout(resolve, 50));
  await terminal.kill();

  const events = kitchenEventsOf(await readTopicWithKcat(broker.bootstrap, config.topics.kitchenEvents));
  const ids = events.map((event) => event.eventId);
  const inOrder = JSON.stringify([...sequencesByTerminalAndOrder(events)].sort()) === JSON.stringify([...taken].sort());
  const sorted = [...drainStarts].sort((a, b) => a - b);
  const drainStartMs = { min: sorted[0] ?? NaN, median: sorted[Math.floor(sorted.length / 2)] ?? NaN, max: sorted.at(-1) ?? NaN };
  return { kills, midDrain, drainStartMs, actions, onTopic: ids.length, distinct: new Set(ids).size, inOrder };
}

/** A terminal consuming while its broker is frozen (SIGSTOP) and then killed and restarted. */
async function brokerFaults(): Promise<Verdict & { events: number }> {
  const broker = await LocalBroker.create();
  await broker.start();
  try {
    const config = terminalConfig(broker.bootstrap, `brokerfaults${Date.now()}`);
    const kafka = new Kafka({ brokers: [broker.bootstrap], logLevel: logLevel.NOTHING });
    await topics(kafka, config, 3);
    const records = simulateStream({
      merchants: ['m-1', 'm-2'],
      ordersPerMerchant: 1_500,
      seed: seed + 1,
      faults: { reorder: 0.1, duplicate: 0.05 },
    });
    const thirds = [
      records.slice(0, records.length / 3),
      records.slice(records.length / 3, (2 * records.length) / 3),
      records.slice((2 * records.length) / 3),
    ];
    const terminal = startTerminal(config, { log: () => undefined });
    const consumed = (): number => terminal.status().lag.reduce((sum, p) => sum + Number(p.nextOffset ?? 0), 0);
    const until = async (count: number, what: string): Promise<void> => {
      const deadline = Date.now() + 180_000;
      while (consumed() < count) {
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    };
    try {
      await produceRecords(kafka, config.topics.orders, thirds[0] as SimRecord[], { batchSize: 1000 });
      await until((thirds[0] as SimRecord[]).length, 'the first third');

      const jvm = broker.describe().pid;
      process.kill(jvm, 'SIGSTOP');
      console.log(`broker SIGSTOPped for ${pauseSeconds} s`);
      const stopped = Date.now();
      while (terminal.status().connection.state !== 'offline' && Date.now() - stopped < pauseSeconds * 1000) {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const sawOffline = terminal.status().connection.state === 'offline';
      const offlineAfter = Date.now() - stopped;
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, pauseSeconds * 1000 - (Date.now() - stopped))));
      process.kill(jvm, 'SIGCONT');
      console.log(
        `  the terminal ${sawOffline ? `showed offline ${(offlineAfter / 1000).toFixed(1)} s after the freeze` : 'did NOT show offline'}; broker continued`,
      );
      await produceRecords(kafka, config.topics.orders, thirds[1] as SimRecord[], { batchSize: 1000 });
      await until((thirds[0] as SimRecord[]).length + (thirds[1] as SimRecord[]).length, 'the second third');

      await broker.kill();
      console.log('broker SIGKILLed');
      await broker.start();
      console.log('  broker restarted');
      await produceRecords(kafka, config.topics.orders, thirds[2] as SimRecord[], { batchSize: 1000 });
      await until(records.length, 'everything');
      await new Promise((resolve) => setTimeout(resolve, 500));
    } finally {
      await terminal.stop();
    }
    return { ...verdict(config, records), events: records.length };
  } finally {
    await broker.destroy();
  }
}

const started = Date.now();
const broker = await LocalBroker.create();
await broker.start();
let failed: boolean;
try {
  const killed = await killWhileConsuming(broker);
  console.log(
    `core kills: ${killed.kills} SIGKILLs (${killed.midStream} mid-stream), ${killed.inputs} inputs (${killed.fuzzed} fuzzed, ${killed.deadLetters} dead-lettered), ${killed.orders} orders checked: lost ${killed.lost}, doubled ${killed.doubled}, mismatched ${killed.mismatched}`,
  );
  const outbox = await killWhileOutboxDrains(broker);
  console.log(
    `outbox kills: ${outbox.kills} SIGKILLs (${outbox.midDrain} mid-drain; the drain began ${outbox.drainStartMs.min} / ${outbox.drainStartMs.median} / ${outbox.drainStartMs.max} ms after ready, min / median / max), ${outbox.actions} actions: ${outbox.onTopic} on the topic, ${outbox.distinct} distinct, in order per order: ${outbox.inOrder ? 'yes' : 'NO'}`,
  );
  const faults = await brokerFaults();
  console.log(
    `broker faults: SIGSTOP ${pauseSeconds} s + SIGKILL/restart, ${faults.events} events, ${faults.orders} orders checked: lost ${faults.lost}, doubled ${faults.doubled}, mismatched ${faults.mismatched}`,
  );
  const rolling = await rollingRestartDuringRush((brokers) => {
    const base = terminalConfig(brokers[0] as string, `rolling${Date.now()}`);
    return { ...base, kafka: { ...base.kafka, brokers, sessionTimeoutMs: 6_000 } };
  }, 800);
  console.log(
    `rolling restart: ${rolling.restarts} of 3 brokers restarted one by one, ${rolling.orderEvents} order events, ${rolling.orders} orders: mismatched ${rolling.mismatched}; ${rolling.bumps} bumps, ${rolling.bumpsOnTopic} on the topic, ${rolling.duplicateActions} doubled; states shown: ${rolling.states.join(', ')}`,
  );
  failed =
    [killed, faults].some((v) => v.lost + v.doubled + v.mismatched > 0) ||
    rolling.mismatched > 0 ||
    rolling.bumpsOnTopic !== rolling.bumps ||
    rolling.duplicateActions > 0 ||
    rolling.states.includes('offline') ||
    // A phase whose kills all missed the drain proved nothing.
    outbox.midDrain === 0 ||
    outbox.onTopic !== outbox.actions ||
    outbox.distinct !== outbox.actions ||
    !outbox.inOrder;
} finally {
  await broker.destroy();
}
console.log(`torture ${failed ? 'FAILED' : 'passed'} in ${((Date.now() - started) / 1000).toFixed(0)} s`);
process.exitCode = failed ? 1 : 0;
