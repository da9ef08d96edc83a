import { kitchenEventAvro, kitchenEventRecord } from '../../../shared/avro/kitchen-event';
import { orderEventAvro, valueSubject } from '../../../shared/avro/order-event';
import type { KdsConfig } from '../../../shared/config';
import { AvroReader } from '../ingest/avro-reader';
import type { IncomingRecord } from '../ingest/decode-record';
import { processRecord, type ProcessorContext } from '../ingest/record-processor';
import { AvroWriter } from '../kafka/avro-writer';
import { processKitchenRecord, type KitchenRecordContext } from '../kitchen/kitchen-record';
import type { Clock } from '../lib/clock';
import type { Log } from '../lib/log';
import { SupervisedLoop } from '../lib/supervised-loop';
import type { ChangeFeed } from '../store/change-feed';
import type { Storage } from '../store/storage';

/** How often records waiting for an Avro schema are tried again (the registry is asked only while some wait). */
const SCHEMA_RETRY_MS = 5_000;

/**
 * What a configured schema registry adds to a terminal (README "Avro and the schema registry"):
 * each topic's Avro records decoded into its own contract, a `prepare` hook that fetches unknown
 * schema ids before a batch's transaction, a loop that applies records that waited for a schema,
 * and the kitchen events' encoder when they are written in Avro. Without a registry: JSON only.
 */
export function schemaRegistryParts(
  config: KdsConfig,
  deps: {
    storage: Storage;
    feed: ChangeFeed;
    clock: Clock;
    log: Log;
    loopHooks: { onError: (name: string, error: Error) => void; onRecovered: (name: string) => void };
  },
) {
  const registry = config.schemaRegistry;
  const { storage, feed, clock, log, loopHooks } = deps;
  const reader = registry
    ? new AvroReader({
        url: registry.url,
        auth: registry.auth,
        storage,
        now: () => clock.now(),
        log: (level, message) => log(level, message),
        onReachability: () => feed.statusChanged(),
      })
    : undefined;
  const writer =
    registry && config.kitchenEventFormat === 'avro'
      ? new AvroWriter(registry, valueSubject(config.topics.kitchenEvents), kitchenEventAvro, kitchenEventRecord)
      : undefined;
  return {
    status: reader && (() => reader.status()),
    orderContext: (plain: ProcessorContext): ProcessorContext => ({ ...plain, avro: reader?.decoding(orderEventAvro) }),
    kitchenContext: (plain: ProcessorContext): ProcessorContext => ({ ...plain, avro: reader?.decoding(kitchenEventAvro) }),
    prepare: reader && ((records: IncomingRecord[]) => reader.prepare(records)),
    encodeKitchenEvent: writer && ((json: string) => writer.encode(json)),
    /** Records that waited for a schema the registry could not give: applied once it answers. */
    retryLoop: (orders: ProcessorContext, kitchen: KitchenRecordContext): SupervisedLoop | undefined =>
      reader &&
      new SupervisedLoop({
        name: 'schema registry',
        tick: async (): Promise<'idle'> => {
          await reader.retryWaiting((tx, record) => processRecord(tx, record, orders, clock.now()), config.topics.orders);
          await reader.retryWaiting((tx, record) => processKitchenRecord(tx, record, kitchen, clock.now()), config.topics.kitchenEvents);
          return 'idle';
        },
        idleMs: SCHEMA_RETRY_MS,
        clock,
        ...loopHooks,
      }),
  };
}
