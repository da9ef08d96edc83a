import { describe, expect, it } from 'vitest';
import { MERCHANT_HEADER } from '../../../shared/order-events';
import { orderEvent, placedOrder } from '../../../test/support/events';
import { tempStorage } from '../../../test/support/temp-storage';
import type { CoreChange } from '../store/change-feed';
import type { IncomingRecord } from './decode-record';
import { processChunk } from './process-chunk';
import { processRecord } from './record-processor';

const context = { merchantId: 'm-1', maxRecordBytes: 100_000, canEnrich: false, retryBaseDelayMs: 1_000 };
const records = (values: object[], firstOffset = 0): IncomingRecord[] =>
  values.map((value, i) => ({
    topic: 'dev.orders',
    partition: 0,
    offset: String(firstOffset + i),
    value: Buffer.from(JSON.stringify(value)),
    headers: { [MERCHANT_HEADER]: 'm-1' },
  }));

describe('chunk processing (real SQLite file)', () => {
  it('applies records, stores the next offset and the outcome counts in the same transaction, then announces the change', () => {
    const storage = tempStorage();
    const seen: CoreChange[] = [];
    storage.feed.subscribe((change) => seen.push(change));
    const chunk = records([placedOrder('o1'), placedOrder('o1'), orderEvent('o1', 3, 'ORDER_PAID'), placedOrder('o2')]);
    const { taken, counts } = processChunk(storage, chunk, (tx, r, now) => processRecord(tx, r, context, now), 'records', 0);
    expect(taken).toBe(4);
    expect(Object.fromEntries(counts)).toEqual({ applied: 2, duplicate: 1, parked: 1 });
    expect(storage.offsets.next('dev.orders', 0)).toBe('4');
    expect(storage.counters.all()).toEqual({ 'records.applied': 2, 'records.duplicate': 1, 'records.parked': 1 });
    // The parked event gives the retry worker work: the change says so.
    expect(seen).toEqual([{ orders: ['o1', 'o2'], kitchen: [], status: true, retry: true, outbox: false }]);
  });

  it('stops when its time budget is spent (looking at the clock every 16 records) and resumes from the next record; offsets never move back', () => {
    const storage = tempStorage();
    let tick = 0;
    const elapsed = () => (tick += 5);
    const chunk = records(
      Array.from({ length: 40 }, (_, index) => placedOrder(`o${index}`)),
      100,
    );
    const handle = (tx: Parameters<typeof processRecord>[0], r: IncomingRecord, now: number) => processRecord(tx, r, context, now);
    expect(processChunk(storage, chunk, handle, 'records', 0, 4, elapsed).taken).toBe(16);
    expect(storage.offsets.next('dev.orders', 0)).toBe('116');
    expect(processChunk(storage, chunk.slice(16), handle, 'records', 0).taken).toBe(24);
    expect(storage.offsets.next('dev.orders', 0)).toBe('140');
    processChunk(storage, chunk.slice(0, 1), handle, 'records', 0);
    expect(storage.offsets.next('dev.orders', 0)).toBe('140');
  });

  it('a failing transaction stores nothing and announces nothing, so the records are read again', () => {
    const storage = tempStorage();
    const seen: CoreChange[] = [];
    storage.feed.subscribe((change) => seen.push(change));
    const chunk = records([placedOrder('o1'), placedOrder('o2')]);
    expect(() =>
      processChunk(
        storage,
        chunk,
        (tx, r, now) => {
          const outcome = processRecord(tx, r, context, now);
          if (r.offset === '1') throw new Error('SQLITE_FULL: database or disk is full');
          return outcome;
        },
        'records',
        0,
      ),
    ).toThrow('SQLITE_FULL');
    expect(storage.offsets.next('dev.orders', 0)).toBeUndefined();
    expect(storage.orders.get('o1')).toBeUndefined();
    expect(seen).toEqual([]);
  });

  it('without a savepoint per record, a record whose apply throws still rolls back alone: the chunk runs again with them', () => {
    const storage = tempStorage();
    const seen: CoreChange[] = [];
    storage.feed.subscribe((change) => seen.push(change));
    const chunk = records([placedOrder('o1'), placedOrder('o2'), placedOrder('o3')]);
    let attempts = 0;
    const { taken, counts } = processChunk(
      storage,
      chunk,
      (tx, r, now) => {
        if (r.offset !== '1') return processRecord(tx, r, context, now);
        attempts += 1;
        try {
          tx.savepoint(() => {
            tx.counters.bump(new Map([['half-done', 1]]));
            throw new Error('an apply that fails half-way');
          });
        } catch {
          return 'failed';
        }
        return 'applied';
      },
      'records',
      0,
    );
    expect(attempts).toBe(2);
    expect(taken).toBe(3);
    expect(Object.fromEntries(counts)).toEqual({ applied: 2, failed: 1 });
    expect(storage.counters.all()).toEqual({ 'records.applied': 2, 'records.failed': 1 });
    expect([storage.orders.get('o1')?.orderId, storage.orders.get('o3')?.orderId]).toEqual(['o1', 'o3']);
    expect(storage.offsets.next('dev.orders', 0)).toBe('3');
    expect(seen).toHaveLength(1);
  });

  it("keeps every event's receipt, with its partition and offset, however many a chunk holds (written many rows to a statement)", () => {
    const storage = tempStorage();
    const chunk = records(Array.from({ length: 70 }, (_, index) => placedOrder(`o${index}`)));
    const { taken } = processChunk(storage, chunk, (tx, r, now) => processRecord(tx, r, context, now), 'records', 1_000);
    expect(taken).toBe(70);
    for (const index of [0, 31, 32, 63, 64, 69])
      expect(storage.audit.receipts(`o${index}`, 0).map((row) => [row.partition, row.offset, row.received_at])).toEqual([
        [0, String(index), 1_000],
      ]);
  });

  it('a chunk that fails keeps none of its receipts, and none leaks into the next chunk', () => {
    const storage = tempStorage();
    const failing = records(Array.from({ length: 40 }, (_, index) => placedOrder(`o${index}`)));
    const apply = (tx: Parameters<typeof processRecord>[0], r: IncomingRecord, now: number) => {
      const outcome = processRecord(tx, r, context, now);
      if (r.offset === '39') throw new Error('SQLITE_FULL: database or disk is full');
      return outcome;
    };
    expect(() => processChunk(storage, failing, apply, 'records', 1_000)).toThrow('SQLITE_FULL');
    processChunk(storage, records([placedOrder('p1')], 100), (tx, r, now) => processRecord(tx, r, context, now), 'records', 2_000);
    expect([0, 32, 38].map((index) => storage.audit.receipts(`o${index}`, 0))).toEqual([[], [], []]);
    expect(storage.audit.receipts('p1', 0).map((row) => row.offset)).toEqual(['100']);
  });
});
