import { createTopicsReady } from './kafka/create-topics';
import { Kafka, logLevel } from 'kafkajs';
import { parseArgs } from 'node:util';
import { avroEncoder } from './simulator/avro-encoder';
import { simulateStream, type Faults } from './simulator/order-simulator';
import { runPlatform } from './simulator/platform-run';
import { isPlatformName, PLATFORM_NAMES } from './simulator/platform-profiles';
import { produceRecords } from './simulator/produce';

const usage = `npm run simulate -- [options]
  --brokers HOST:PORT     Kafka bootstrap (default 127.0.0.1:9092)
  --env NAME              topic is <env>.orders (default dev)
  --merchants A,B         merchant ids (default m-1)
  --orders N              orders per merchant (default 50)
  --rate N                events per second; 0 = as fast as possible (default 5)
  --faults LIST           any of: duplicate,replay,reorder,thin,poison,noheader
  --seed N                replay the same stream (default: random)
  --format json|avro      avro: Confluent-framed Avro through the schema registry --registry (default json)
  --registry URL          the registry's Confluent-compatible API (Apicurio: <registry>/apis/ccompat/v7)
  --routed                also create the routed mode's topics (<env>.kds-orders, <env>.kds-kitchen-events,
                          the compacted <env>.kds-routing) for the order router to fill
  --platform NAME         play a delivery platform (${PLATFORM_NAMES.join('|')}) instead of replaying a stream: delivery
                          orders with its acceptance deadline, cancelled when not accepted in time or rejected,
                          couriers sent on the kitchen's ready, 86'd items and a paused kitchen honoured; reads
                          <env>.kitchen-events from its start and prints its report every 30 s and at the end
                          (exit 1 when a signal broke the contract). --orders is then customers per merchant
  --per-hour N            with --platform: customers per real hour per merchant (default 30)
  --time-scale N          with --platform: every duration divided by N, a rush day compressed (default 1)`;

const FAULTS: Record<string, keyof Faults> = {
  duplicate: 'duplicate',
  replay: 'versionReplay',
  reorder: 'reorder',
  thin: 'thin',
  poison: 'poison',
  noheader: 'noHeader',
};

function fail(message: string): never {
  console.error(`${message}\n\n${usage}`);
  process.exit(2);
}

function positiveInt(name: string, raw: string | undefined, fallback: number, allowZero = false): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < (allowZero ? 0 : 1))
    fail(`--${name} must be a whole number${allowZero ? '' : ' above 0'}, got "${raw}"`);
  return value;
}

let args;
try {
  args = parseArgs({
    options: {
      brokers: { type: 'string' },
      env: { type: 'string' },
      merchants: { type: 'string' },
      orders: { type: 'string' },
      rate: { type: 'string' },
      faults: { type: 'string' },
      seed: { type: 'string' },
      routed: { type: 'boolean' },
      format: { type: 'string' },
      registry: { type: 'string' },
      platform: { type: 'string' },
      'per-hour': { type: 'string' },
      'time-scale': { type: 'string' },
      help: { type: 'boolean' },
    },
  }).values;
} catch (error) {
  fail((error as Error).message);
}
// A const, so platformOptions() below sees the parsed type (a closure cannot narrow the `let` above).
const parsedArgs = args;
if (args.help) {
  console.log(usage);
  process.exit(0);
}
const faults: Faults = {};
for (const name of (args.faults ?? '').split(',').filter(Boolean)) {
  const key = FAULTS[name];
  if (!key) fail(`unknown fault "${name}"`);
  faults[key] = key === 'poison' ? 0.02 : 0.1;
}
const format = args.format ?? 'json';
if (format !== 'json' && format !== 'avro') fail(`--format must be json or avro, got "${format}"`);
if (format === 'avro' && !args.registry) fail('--format avro needs --registry');
/** --platform's options, checked before anything connects; undefined without --platform (the stream as always). */
function platformOptions(): { name: (typeof PLATFORM_NAMES)[number]; perHour: number; timeScale: number } | undefined {
  if (parsedArgs.platform === undefined) {
    for (const option of ['per-hour', 'time-scale'] as const) if (parsedArgs[option] !== undefined) fail(`--${option} needs --platform`);
    return undefined;
  }
  if (!isPlatformName(parsedArgs.platform)) fail(`--platform must be one of ${PLATFORM_NAMES.join(', ')}, got "${parsedArgs.platform}"`);
  // The platform places its own orders at its own pace, in JSON: options of the replayed stream do not apply.
  for (const option of ['rate', 'faults', 'registry'] as const)
    if (parsedArgs[option] !== undefined) fail(`--${option} does not apply with --platform`);
  if (format !== 'json') fail('--platform produces JSON orders; --format avro does not apply with it');
  const timeScale = Number(parsedArgs['time-scale'] ?? '1');
  if (!Number.isFinite(timeScale) || timeScale <= 0 || timeScale > 1000)
    fail(`--time-scale must be a number above 0 and at most 1000, got "${parsedArgs['time-scale']}"`);
  return { name: parsedArgs.platform, perHour: positiveInt('per-hour', parsedArgs['per-hour'], 30), timeScale };
}
const env = args.env ?? 'dev';
const topic = `${env}.orders`;
const merchants = (args.merchants ?? 'm-1').split(',').filter(Boolean);
const ordersPerMerchant = positiveInt('orders', args.orders, 50);
const seed = positiveInt('seed', args.seed, Math.floor(Math.random() * 1e9), true);
// A platform never reuses an order id: each run's orders are new orders, even on a terminal that kept yesterday's.
const orderIdPrefix = `ord${Date.now().toString(36)}`;
const platform = platformOptions();
const records = platform
  ? []
  : simulateStream({
      merchants,
      ordersPerMerchant,
      seed,
      faults,
      orderIdPrefix,
    });
const rate = positiveInt('rate', args.rate, 5, true);
const kafka = new Kafka({ brokers: (args.brokers ?? '127.0.0.1:9092').split(','), clientId: 'kds-simulator', logLevel: logLevel.NOTHING });
// A fresh local broker has no topics yet: create the platform's two, with a few partitions each.
const admin = kafka.admin();
await admin.connect();
const existing = await admin.listTopics();
const wanted = [
  { topic, numPartitions: 3 },
  { topic: `${env}.kitchen-events`, numPartitions: 3 },
  ...(args.routed
    ? [
        { topic: `${env}.kds-orders`, numPartitions: 6 },
        { topic: `${env}.kds-kitchen-events`, numPartitions: 3 },
        { topic: `${env}.kds-routing`, numPartitions: 1, configEntries: [{ name: 'cleanup.policy', value: 'compact' }] },
      ]
    : []),
];
const missing = wanted.filter((wanted) => !existing.includes(wanted.topic));
if (missing.length > 0) await createTopicsReady(admin, missing);
await admin.disconnect();
if (platform) {
  const holds = await runPlatform({
    kafka,
    env,
    platform: platform.name,
    merchants,
    customersPerMerchant: ordersPerMerchant,
    customersPerHour: platform.perHour,
    timeScale: platform.timeScale,
    seed,
    orderIdPrefix,
  });
  process.exit(holds ? 0 : 1);
}
const encode = format === 'avro' ? await avroEncoder(args.registry as string, topic) : undefined;
console.log(`Producing ${records.length} records (${format}) for ${merchants.join(', ')} to ${topic}${rate ? ` at ${rate}/s` : ''}...`);
let lastReport = 0;
await produceRecords(kafka, topic, records, {
  batchSize: rate && rate < 50 ? 1 : 500,
  ratePerSecond: rate || undefined,
  stampAtSend: rate > 0,
  encode,
  onProgress: (sent) => {
    if (sent - lastReport >= Math.max(1, Math.floor(records.length / 10)) || sent === records.length) {
      lastReport = sent;
      console.log(`  ${sent}/${records.length}`);
    }
  },
});
console.log('Done.');
