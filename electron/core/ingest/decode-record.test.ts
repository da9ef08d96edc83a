import { describe, expect, it } from 'vitest';
import { MERCHANT_HEADER, orderEventSchema } from '../../../shared/order-events';
import { placedOrder } from '../../../test/support/events';
import { tempStorage } from '../../../test/support/temp-storage';
import { decodeRecord, offsetBefore, type IncomingRecord } from './decode-record';

const context = { merchantId: 'm-1', maxRecordBytes: 2_000 };
const record = (value: string | null, extra: Partial<IncomingRecord> = {}): IncomingRecord => ({
  topic: 'dev.orders',
  partition: 2,
  offset: '10',
  value: value === null ? null : Buffer.from(value),
  headers: { [MERCHANT_HEADER]: 'm-1' },
  ...extra,
});

describe('record decoding (real SQLite file)', () => {
  it('decodes a valid record of this merchant', () => {
    const storage = tempStorage();
    const decoded = storage.transact((tx) => decodeRecord(tx, record(JSON.stringify(placedOrder('o1'))), orderEventSchema, context, 0));
    expect(decoded).toEqual({ event: expect.objectContaining({ orderId: 'o1', version: 1 }) });
  });

  it('skips what is below the stored offset, and other merchants by header without parsing', () => {
    const storage = tempStorage();
    storage.transact((tx) => tx.offsets.set('dev.orders', 2, '11', 0));
    const decode = (r: IncomingRecord) => storage.transact((tx) => decodeRecord(tx, r, orderEventSchema, context, 0));
    expect(decode(record(JSON.stringify(placedOrder('o1'))))).toEqual({ skipped: 'already-applied' });
    expect(decode(record('{ not json', { offset: '11', headers: { [MERCHANT_HEADER]: 'm-2' } }))).toEqual({ skipped: 'other-merchant' });
    // No header: the value's merchant decides.
    expect(decode(record(JSON.stringify(placedOrder('o2', { merchantId: 'm-2' })), { offset: '12', headers: {} }))).toEqual({
      skipped: 'other-merchant',
    });
    // Headers as Kafka delivers them: bytes.
    expect(decode(record('{ not json', { offset: '13', headers: { [MERCHANT_HEADER]: Buffer.from('m-10') } }))).toEqual({
      skipped: 'other-merchant',
    });
    expect(decode(record(JSON.stringify(placedOrder('o3')), { offset: '14', headers: { [MERCHANT_HEADER]: Buffer.from('m-1') } }))).toEqual(
      {
        event: expect.objectContaining({ orderId: 'o3' }),
      },
    );
    expect(storage.deadLetters.count()).toBe(0);
  });

  it('compares offsets as numbers, whatever their length', () => {
    expect(offsetBefore('9', '10')).toBe(true);
    expect(offsetBefore('10', '9')).toBe(false);
    expect(offsetBefore('99', '100')).toBe(true);
    expect(offsetBefore('100', '100')).toBe(false);
    expect(offsetBefore('9223372036854775806', '9223372036854775807')).toBe(true);
  });

  it('dead-letters poison with where it came from and why: oversized, not JSON, wrong schema', () => {
    const storage = tempStorage();
    const decode = (r: IncomingRecord) => storage.transact((tx) => decodeRecord(tx, r, orderEventSchema, context, 0));
    expect(decode(record('x'.repeat(5_000), { offset: '1' }))).toEqual({ skipped: 'dead-lettered' });
    expect(decode(record('{ not json', { offset: '2' }))).toEqual({ skipped: 'dead-lettered' });
    expect(decode(record(JSON.stringify({ ...placedOrder('o9'), version: 'one' }), { offset: '3' }))).toEqual({ skipped: 'dead-lettered' });
    expect(decode(record(null, { offset: '4' }))).toEqual({ skipped: 'dead-lettered' });
    const letters = storage.deadLetters.recent(10).reverse();
    expect(letters.map((l) => [l.reason, l.offset])).toEqual([
      ['OVERSIZED', '1'],
      ['MALFORMED_JSON', '2'],
      ['SCHEMA', '3'],
      ['MALFORMED_JSON', '4'],
    ]);
    expect(letters[0]).toMatchObject({ topic: 'dev.orders', partition: 2, raw_size: 5_000 });
    expect(letters[2]).toMatchObject({ order_id: 'o9', detail: expect.stringContaining('version') });
    expect(storage.deadLetters.largestRaw()).toBeLessThanOrEqual(4096);
  });

  it('dead-letters an Avro record on a terminal without a schema registry, saying so (not as malformed JSON)', () => {
    const storage = tempStorage();
    const avro = Buffer.concat([Buffer.from([0, 0, 0, 0, 7]), Buffer.from('body')]);
    const decoded = storage.transact((tx) => decodeRecord(tx, record(null, { value: avro }), orderEventSchema, context, 0));
    expect(decoded).toEqual({ skipped: 'dead-lettered' });
    expect(storage.deadLetters.recent(1)).toMatchObject([
      { reason: 'NO_SCHEMA_REGISTRY', detail: expect.stringContaining('no schema registry is configured') },
    ]);
    expect(storage.deadLetters.recent(1)[0]?.detail).toContain('schema id 7');
  });
});
