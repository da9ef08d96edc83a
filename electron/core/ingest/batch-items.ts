import type { KafkaMessage } from 'kafkajs';
import { MERCHANT_HEADER } from '../../../shared/order-events';
import { namesAnotherMerchant, offsetBefore, type IncomingRecord } from './decode-record';

/**
 * Consecutive records of a batch that another merchant's header names: counted as `outcome`, never
 * read. Its own fields are its last record's, the one the partition's offset moves past.
 */
export interface PassedOver extends IncomingRecord {
  passedOver: number;
  outcome: 'other-merchant' | 'already-applied';
}

/** What a chunk applies: a record to read, or a run of records it only counts. */
export type ChunkItem = IncomingRecord | PassedOver;

export function isPassedOver(item: ChunkItem): item is PassedOver {
  return 'passedOver' in item;
}

/**
 * A batch's messages as the chunks apply them. With `passOver`, the records another merchant's
 * header names become runs, answered as decode-record.ts would answer each of them (below the
 * stored offset: already applied; else another merchant's), so that a terminal among hundreds of
 * merchants on one topic makes no object and reads nothing for the records it skips: of a run,
 * only its last record's key and value are read (the fingerprint's), and kafkajs' lazy records
 * slice nothing else.
 */
export function batchItems(
  topic: string,
  partition: number,
  messages: readonly KafkaMessage[],
  live: boolean,
  passOver?: { merchantId: string; stored: string | undefined },
): ChunkItem[] {
  const items: ChunkItem[] = [];
  let run: PassedOver | undefined;
  let runLast: KafkaMessage | undefined;
  const endRun = (): void => {
    if (run && runLast) {
      run.value = runLast.value;
      run.key = runLast.key;
    }
    run = undefined;
    runLast = undefined;
  };
  for (const message of messages) {
    const { offset, timestamp, headers } = message;
    if (passOver && namesAnotherMerchant(headers?.[MERCHANT_HEADER], passOver.merchantId)) {
      const outcome = passOver.stored !== undefined && offsetBefore(offset, passOver.stored) ? 'already-applied' : 'other-merchant';
      if (run?.outcome === outcome) {
        run.passedOver += 1;
        run.offset = offset;
        run.timestamp = timestamp;
        run.headers = headers;
      } else {
        endRun();
        run = { topic, partition, offset, value: null, key: null, timestamp, live, headers, passedOver: 1, outcome };
        items.push(run);
      }
      runLast = message;
      continue;
    }
    endRun();
    items.push({ topic, partition, offset, value: message.value, key: message.key, timestamp, live, headers });
  }
  endRun();
  return items;
}
