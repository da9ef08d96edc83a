import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { Kafka, logLevel } from 'kafkajs';
import { startTerminal, type Terminal } from '../../electron/core/app/terminal';
import { testConfig } from '../../test/support/core-harness';
import { createTerminalTopics } from '../kafka/create-topics';
import { KitchenBot } from '../simulator/platform-kitchen-bot';
import { startPlatformLoop } from '../simulator/platform-loop';
import { isPlatformName, PLATFORM_NAMES, TimeScale } from '../simulator/platform-profiles';
import { formatReport, reportHolds } from '../simulator/platform-report';

/** The kitchen's cooks at each station, as its quote is told (answers.cooksPerStation) and as the bot cooks. */
const COOKS_PER_STATION = 4;

const usage = `node_modules/.bin/tsx scripts/bench/platform-day.ts [options]
A compressed rush day: the simulator's platform places delivery orders for m-1 on fresh topics, terminals
of this process cook them through their app API (a bot: renders, accepts with the kitchen's quote, cooks,
bumps; 86s an item and pauses the kitchen once), and the platform's report is printed at the end.
  --brokers HOST:PORT     Kafka bootstrap (default: $KDS_TEST_BOOTSTRAP)
  --platform NAME         ${PLATFORM_NAMES.join('|')} (default ubereats)
  --time-scale N          every duration divided by N (default 40)
  --orders N              customers (default 48)
  --per-hour N            customers per real hour (default 24: the kitchen's ${COOKS_PER_STATION} cooks a station
                          busy about four fifths of the time on the grill)
  --terminals 1|2         1: expo alone; 2: a station terminal (every station) and expo (default 2)
  --seed N                (default 1)`;

function fail(message: string): never {
  console.error(`${message}\n\n${usage}`);
  process.exit(2);
}

function numberOption(name: string, raw: string | undefined, fallback: number, valid: (value: number) => boolean): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || !valid(value)) fail(`--${name}: "${raw}" is not allowed`);
  return value;
}

let parsed;
try {
  parsed = parseArgs({
    options: Object.fromEntries(
      ['brokers', 'platform', 'time-scale', 'orders', 'per-hour', 'terminals', 'seed'].map((name) => [name, { type: 'string' as const }]),
    ),
  }).values;
} catch (error) {
  fail((error as Error).message);
}
const brokers = parsed.brokers ?? process.env.KDS_TEST_BOOTSTRAP ?? fail('no broker: pass --brokers or set KDS_TEST_BOOTSTRAP');
const platform = parsed.platform ?? 'ubereats';
if (!isPlatformName(platform)) fail(`--platform must be one of ${PLATFORM_NAMES.join(', ')}, got "${platform}"`);
const wholeAbove0 = (value: number): boolean => Number.isInteger(value) && value > 0;
const scale = new TimeScale(numberOption('time-scale', parsed['time-scale'], 40, (value) => value > 0 && value <= 1000));
const customers = numberOption('orders', parsed.orders, 48, wholeAbove0);
const perHour = numberOption('per-hour', parsed['per-hour'], 24, wholeAbove0);
const terminalCount = numberOption('terminals', parsed.terminals, 2, (value) => value === 1 || value === 2);
const seed = numberOption('seed', parsed.seed, 1, Number.isInteger);

const say = (line: string): void => console.log(`[platform-day] ${line}`);
const env = `pday${randomUUID().replace(/-/g, '').slice(0, 8)}`;
const kafka = new Kafka({ brokers: brokers.split(','), clientId: 'kds-platform-day', logLevel: logLevel.NOTHING });
await createTerminalTopics(kafka, env, { orders: 3, kitchenEvents: 3 });

const quiet = (level: 'info' | 'warn' | 'error', message: string): void => {
  if (level === 'error') console.error(`[kds] ${message}`);
};
const answers = { cooksPerStation: COOKS_PER_STATION };
const configs = [
  testConfig(brokers, { env, terminalId: 'expo-1', answers }),
  ...(terminalCount === 2 ? [testConfig(brokers, { env, terminalId: 'line-1', stations: ['grill', 'fry', 'cold', 'bar'], answers })] : []),
];
const terminals: Terminal[] = configs.map((config) => startTerminal(config, { log: quiet }));
const [expo, line] = terminals as [Terminal, Terminal | undefined];
// Orders placed before a terminal reads its topics would count its start-up as the screen's latency.
const startedBy = Date.now() + 60_000;
while (terminals.some((terminal) => terminal.status().consumer.state !== 'running')) {
  if (Date.now() > startedBy) fail('the terminals did not start reading within a minute');
  await new Promise((resolve) => setTimeout(resolve, 100));
}

const bot = new KitchenBot({
  expo: expo.api,
  ...(line ? { line: line.api } : {}),
  scale,
  seed,
  cooksPerStation: expo.config.answers.cooksPerStation,
  expoSeconds: expo.config.answers.expoSeconds,
  slowAnswerShare: 0.05,
  log: say,
});
await bot.start();
const dayMinutes = (customers / perHour) * 60;
say(
  `${platform}, ${customers} customers at ${perHour} an hour (${dayMinutes.toFixed(0)} real minutes) on ${env},` +
    ` time / ${scale.factor}, ${terminalCount} terminal(s): about ${(scale.wallMs(dayMinutes + 40) / 60_000).toFixed(1)} minutes`,
);
const loop = await startPlatformLoop({
  kafka,
  env,
  platform,
  merchants: ['m-1'],
  customersPerMerchant: customers,
  customersPerHour: perHour,
  timeScale: scale.factor,
  seed,
  orderIdPrefix: `day${Date.now().toString(36)}`,
  settleMinutes: 90,
  reportEveryMs: 30_000,
  log: (text) => say(`\n${text}`),
});
// One shortage (an order rejected for it) and one pause in the day: the platform must stop offering the item and stop placing orders.
const incidents = [
  setTimeout(() => bot.eightySixOnNextOrder(20), scale.wallMs(dayMinutes * 0.3)),
  setTimeout(() => void bot.pause(5), scale.wallMs(dayMinutes * 0.6)),
];
const reports = await loop.done;
for (const incident of incidents) clearTimeout(incident);
bot.stop();
await Promise.all(terminals.map((terminal) => terminal.stop()));
for (const config of configs) rmSync(config.dataDir, { recursive: true, force: true });
say(
  `the kitchen bot: ${bot.tally.accepted} accepted, ${bot.tally.rejected} rejected, ${bot.tally.cooked} cooked, ${bot.tally.refused.length} actions refused`,
);
console.log(formatReport(platform, reports));
process.exit(reportHolds(reports) ? 0 : 1);
