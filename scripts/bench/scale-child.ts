import { createInterface } from 'node:readline';
import { Kafka, logLevel, type Consumer } from 'kafkajs';
import { merchantAssigner, merchantPartitions } from '../../electron/core/kafka/merchant-partitions';
import { MERCHANT_HEADER } from '../../shared/order-events';

/**
 * Simulated terminals for the scale run (scale.ts), several per process: each a kafkajs consumer
 * in a group of its own, reading as a terminal of its merchant would — `filter`: every partition of
 * the orders topic, skipping others' records by header; `routed`: only its merchant's partition
 * (the product's assigner). Prints "ready" once every consumer has joined; on a line "stop" on
 * stdin, stops them and prints one JSON line: bytes fetched per terminal, own records seen, CPU.
 */
const [mode, bootstrap, topic, partitions, merchantsJson] = process.argv.slice(2) as ['filter' | 'routed', string, string, string, string];
const merchants = JSON.parse(merchantsJson) as string[];
const partitionCount = Number(partitions);
const kafka = new Kafka({ brokers: [bootstrap], clientId: 'scale', logLevel: logLevel.NOTHING });

interface SimulatedTerminal {
  merchantId: string;
  consumer: Consumer;
  bytesFetched: number;
  fetches: number;
  ownRecords: number;
  otherRecords: number;
}

const run = `${Date.now()}`;
const terminals: SimulatedTerminal[] = merchants.map((merchantId, index) => {
  const consumer = kafka.consumer({
    groupId: `scale.${mode}.${run}.${process.pid}.${index}`,
    maxWaitTimeInMs: 1_000,
    ...(mode === 'routed' ? { partitionAssigners: [merchantAssigner(() => merchantPartitions(merchantId, 1, partitionCount))] } : {}),
  });
  return { merchantId, consumer, bytesFetched: 0, fetches: 0, ownRecords: 0, otherRecords: 0 };
});

let joined = 0;
await Promise.all(
  terminals.map(async (terminal) => {
    const { consumer } = terminal;
    // Every fetch's response size as the client received it: what this terminal's link carries.
    consumer.on(consumer.events.REQUEST, ({ payload }) => {
      if (payload.apiName !== 'Fetch') return;
      terminal.bytesFetched += payload.size;
      terminal.fetches += 1;
    });
    consumer.on(consumer.events.GROUP_JOIN, () => {
      joined += 1;
      if (joined === terminals.length) console.log('ready');
    });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachBatch: async ({ batch }) => {
        for (const message of batch.messages) {
          if (message.headers?.[MERCHANT_HEADER]?.toString() === terminal.merchantId) terminal.ownRecords += 1;
          else terminal.otherRecords += 1;
        }
        await Promise.resolve();
      },
    });
  }),
);

const cpuAtStart = process.cpuUsage();
const lines = createInterface({ input: process.stdin });
for await (const line of lines) {
  if (line.trim() === 'reset') {
    for (const terminal of terminals) Object.assign(terminal, { bytesFetched: 0, fetches: 0, ownRecords: 0, otherRecords: 0 });
    Object.assign(cpuAtStart, process.cpuUsage());
    console.log('reset');
  }
  if (line.trim() === 'stop') break;
}
const cpu = process.cpuUsage(cpuAtStart);
await Promise.all(terminals.map((terminal) => terminal.consumer.disconnect()));
console.log(
  JSON.stringify({
    cpuMs: (cpu.user + cpu.system) / 1000,
    terminals: terminals.map(({ merchantId, bytesFetched, fetches, ownRecords, otherRecords }) => ({
      merchantId,
      bytesFetched,
      fetches,
      ownRecords,
      otherRecords,
    })),
  }),
);
process.exit(0);
