import type { KafkaMessage } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { MERCHANT_HEADER } from '../../../shared/order-events';
import { orderEvent, placedOrder } from '../../../test/support/events';
import { tempStorage } from '../../../test/support/temp-storage';
import type { Storage } from '../store/storage';
import { batchItems, isPassedOver } from './batch-items';
import { processChunk, type RecordHandler } from './process-chunk';
import { processRecord } from './record-processor';

const context = { merchantId: 'm-1', maxRecordBytes: 100_000, canEnrich: false, retryBaseDelayMs: 1_000 };
const handle: RecordHandler = (tx, record, now) => processRecord(tx, record, context, now);

/** A batch of `merchants` (one name per record, by offset from 10), the own merchant's records valid order events. */
function messages(merchants: (string | undefined)[]): KafkaMessage[] {
  return merchants.map((merchant, index) => {
    const orderId = `o${index}`;
    const value = merchant === 'm-1' || merchant === undefined ? placedOrder(orderId) : { merchantId: merchant, orderId, junk: true };
    return {
      offset: String(10 + index),
      key: Buffer.from(orderId),
      value: Buffer.from(JSON.stringify(value)),
      timestamp: String(1_700_000_000_000 + index),
      attributes: 0,
      headers: merchant === undefined ? {} : { [MERCHANT_HEADER]: index % 2 === 0 ? Buffer.from(merchant) : merchant },
    } as KafkaMessage;
  });
}

function drain(storage: Storage, items: ReturnType<typeof batchItems>, budgetMs = Infinity, elapsed?: () => number): number[] {
  const taken: number[] = [];
  for (let start = 0; start < items.length;) {
    const step = processChunk(storage, items.slice(start), handle, 'records', 0, budgetMs, elapsed).taken;
    taken.push(step);
    start += step;
  }
  return taken;
}

const state = (storage: Storage) => ({
  counters: storage.counters.all(),
  offsets: storage.offsets.all('dev.orders'),
  orders: storage.orders.allIds().sort(),
});

describe("another merchant's records passed over in runs", () => {
  const batch = messages(['m-2', 'm-2', 'm-1', 'm-3', 'm-10', 'm-1', undefined, 'm-1', 'm-2', 'm-2', 'm-2']);

  it('stores what reading every record one by one stores: the same counts, orders, next offset and last record fingerprint', () => {
    const oneByOne = tempStorage();
    const inRuns = tempStorage();
    drain(oneByOne, batchItems('dev.orders', 0, batch, false));
    const items = batchItems('dev.orders', 0, batch, false, { merchantId: 'm-1', stored: undefined });
    // 11 records: runs of 2, 2 and 3 records, and 4 records read (one without a merchant header).
    expect(items.map((item) => (isPassedOver(item) ? item.passedOver : 'read'))).toEqual([2, 'read', 2, 'read', 'read', 'read', 3]);
    drain(inRuns, items);
    expect(state(inRuns)).toEqual(state(oneByOne));
    expect(inRuns.counters.all()).toEqual({ 'records.applied': 4, 'records.other-merchant': 7 });
    expect(inRuns.offsets.next('dev.orders', 0)).toBe('21');
  });

  it("reads the key and value of a run's last record only, so that kafkajs' lazy records slice nothing else of it", () => {
    const reads: string[] = [];
    const counted = messages(['m-2', 'm-2', 'm-2', 'm-1', 'm-3', 'm-3']).map((message) => {
      const { key, value, ...rest } = message;
      return Object.defineProperties(rest, {
        key: { get: () => (reads.push(`key@${rest.offset}`), key) },
        value: { get: () => (reads.push(`value@${rest.offset}`), value) },
      }) as KafkaMessage;
    });
    const items = batchItems('dev.orders', 0, counted, false, { merchantId: 'm-1', stored: undefined });
    expect(reads.sort()).toEqual(['key@12', 'key@13', 'key@15', 'value@12', 'value@13', 'value@15']);
    expect(items.map((item) => [item.offset, item.key?.toString(), isPassedOver(item) && item.passedOver])).toEqual([
      ['12', 'o2', 3],
      ['13', 'o3', false],
      ['15', 'o5', 2],
    ]);
  });

  it('answers "already applied" below the stored offset, as a record read would, and splits the run there', () => {
    const oneByOne = tempStorage();
    const inRuns = tempStorage();
    const foreign = messages(['m-2', 'm-2', 'm-2', 'm-2', 'm-2']);
    for (const storage of [oneByOne, inRuns]) storage.transact((tx) => tx.offsets.set('dev.orders', 0, '12', 0));
    drain(oneByOne, batchItems('dev.orders', 0, foreign, false));
    const items = batchItems('dev.orders', 0, foreign, false, { merchantId: 'm-1', stored: '12' });
    expect(items.map((item) => isPassedOver(item) && [item.outcome, item.passedOver, item.offset])).toEqual([
      ['already-applied', 2, '11'],
      ['other-merchant', 3, '14'],
    ]);
    drain(inRuns, items);
    expect(state(inRuns)).toEqual(state(oneByOne));
  });

  it('a chunk stopped by its time budget after a run has moved the offset past the whole run and counted it once', () => {
    const storage = tempStorage();
    const long = messages([...Array.from({ length: 40 }, () => 'm-2'), 'm-1', ...Array.from({ length: 20 }, () => 'm-1')]);
    const items = batchItems('dev.orders', 0, long, false, { merchantId: 'm-1', stored: undefined });
    let tick = 0;
    // Over budget at the first look at the clock (after 16 items): the run and 15 records.
    const taken = drain(storage, items, 4, () => (tick += 5));
    expect(taken).toEqual([16, 6]);
    expect(storage.counters.all()).toEqual({ 'records.applied': 21, 'records.other-merchant': 40 });
    expect(storage.offsets.next('dev.orders', 0)).toBe(String(10 + 61));
  });

  it('a late event of the own merchant next to a run is still sequenced: the run changes nothing of the order', () => {
    const storage = tempStorage();
    const own = (orderId: string, event: object): KafkaMessage =>
      ({
        offset: '0',
        key: Buffer.from(orderId),
        value: Buffer.from(JSON.stringify(event)),
        timestamp: '0',
        attributes: 0,
        headers: { [MERCHANT_HEADER]: 'm-1' },
      }) as KafkaMessage;
    const mixed = [own('a', placedOrder('a')), ...messages(['m-2', 'm-2']), own('a', orderEvent('a', 2, 'ORDER_PAID'))].map(
      (message, index) => ({
        ...message,
        offset: String(index),
      }),
    );
    drain(storage, batchItems('dev.orders', 0, mixed, false, { merchantId: 'm-1', stored: undefined }));
    expect(storage.orders.get('a')?.appliedVersion).toBe(2);
    expect(storage.counters.all()).toEqual({ 'records.applied': 2, 'records.other-merchant': 2 });
  });
});
