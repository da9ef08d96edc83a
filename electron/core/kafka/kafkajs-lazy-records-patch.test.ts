import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

// kafkajs' own record batch encoder and decoder (patches/kafkajs+2.2.4.patch adds the lazy path).
const load = createRequire(import.meta.url);
interface Int64 {
  toString(): string;
}
const Long = load('kafkajs/src/utils/long.js') as { fromString(value: string): Int64 };
const Decoder = load('kafkajs/src/protocol/decoder.js') as new (buffer: Buffer) => object;
const encodeRecord = load('kafkajs/src/protocol/recordBatch/record/v0/index.js') as (record: object) => object;
const { RecordBatch: encodeBatch } = load('kafkajs/src/protocol/recordBatch/v0/index.js') as {
  RecordBatch: (batch: object) => Promise<{ buffer: Buffer }>;
};
const decodeBatch = load('kafkajs/src/protocol/recordBatch/v0/decoder.js') as (
  decoder: object,
  options?: { lazyRecords?: boolean },
) => Promise<{ records: DecodedRecord[] }>;
const { Types: Compression } = load('kafkajs/src/protocol/message/compression/index.js') as { Types: { None: number; GZIP: number } };

interface DecodedRecord {
  magicByte: number;
  attributes: number;
  timestamp: string;
  offset: string;
  key: Buffer | null;
  value: Buffer | null;
  headers: Record<string, Buffer | null | (Buffer | null)[]>;
  isControlRecord: boolean;
  batchContext: object;
}

/** Every field a consumer reads, read through the record's own accessors. */
const fieldsOf = (record: DecodedRecord) => ({
  magicByte: record.magicByte,
  attributes: record.attributes,
  timestamp: record.timestamp,
  offset: record.offset,
  key: record.key,
  value: record.value,
  headers: record.headers,
  isControlRecord: record.isControlRecord,
  batchContext: record.batchContext,
});

const records = [
  {
    offsetDelta: 0,
    timestampDelta: 0,
    key: Buffer.from('order-1'),
    value: Buffer.from('{"a":1}'),
    headers: { 'merchant-id': Buffer.from('m-1') },
  },
  // Two values under one header name fold into an array, as kafkajs has always given them.
  {
    offsetDelta: 1,
    timestampDelta: 5,
    key: null,
    value: Buffer.from('x'),
    headers: { h: [Buffer.from('1'), Buffer.from('2')], other: Buffer.from('') },
  },
  { offsetDelta: 2, timestampDelta: 1_234_567, key: Buffer.from(''), value: null, headers: {} },
  {
    offsetDelta: 40,
    timestampDelta: 7,
    key: Buffer.from('ключ'),
    value: Buffer.alloc(3000, 7),
    headers: { 'ключ-заголовка': Buffer.from('é') },
  },
];

async function decodedBothWays(batch: object): Promise<{ stock: DecodedRecord[]; lazy: DecodedRecord[] }> {
  const { buffer } = await encodeBatch(batch);
  const stock = (await decodeBatch(new Decoder(buffer))).records;
  const lazy = (await decodeBatch(new Decoder(buffer), { lazyRecords: true })).records;
  return { stock, lazy };
}

describe("kafkajs' lazy records (patched record decoder)", () => {
  const cases = [
    ['an uncompressed batch', Compression.None, '1000', 1_700_000_000_000],
    ['a gzip batch', Compression.GZIP, '1000', 1_700_000_000_000],
    // Offsets past 2^53 cannot be added as numbers (2^53 + 1 rounds to 2^53): the decoder falls back to Long for them.
    ['a batch crossing 2^53', Compression.None, '9007199254740991', 1_700_000_000_000],
    ['a batch near the last offset', Compression.GZIP, '9223372036854775000', 1_700_000_000_000],
  ] as const;
  for (const [name, compression, firstOffset, firstTimestamp] of cases) {
    it(`gives ${name} exactly as the stock decoder does: offsets, timestamps, keys, values, headers`, async () => {
      const { stock, lazy } = await decodedBothWays({
        compression,
        firstOffset: Long.fromString(firstOffset),
        firstTimestamp,
        maxTimestamp: firstTimestamp + 1_234_567,
        lastOffsetDelta: 40,
        records: records.map((record) => encodeRecord(record)),
      });
      expect(lazy.map(fieldsOf)).toEqual(stock.map(fieldsOf));
      expect(lazy.map((record) => record.offset)).toEqual(
        records.map((record) => (BigInt(firstOffset) + BigInt(record.offsetDelta)).toString()),
      );
      expect(lazy[1]?.timestamp).toBe(String(firstTimestamp + 5));
      expect(lazy[1]?.headers.h).toEqual([Buffer.from('1'), Buffer.from('2')]);
    });
  }

  it('adds timestamps through Long once they pass 2^53, and negative timestamp deltas as stock does', async () => {
    const firstTimestamp = '9007199254740990';
    const deltas = [0, 1, 3, -3, 5];
    const { stock, lazy } = await decodedBothWays({
      firstTimestamp: Long.fromString(firstTimestamp),
      maxTimestamp: Long.fromString(firstTimestamp),
      lastOffsetDelta: deltas.length - 1,
      records: deltas.map((timestampDelta, offsetDelta) =>
        encodeRecord({ offsetDelta, timestampDelta, key: null, value: Buffer.from('v') }),
      ),
    });
    expect(lazy.map(fieldsOf)).toEqual(stock.map(fieldsOf));
    expect(lazy.map((record) => record.timestamp)).toEqual(deltas.map((delta) => (BigInt(firstTimestamp) + BigInt(delta)).toString()));
  });

  it('reads a key or value only when asked, once, and a JSON log of the record still carries them', async () => {
    const { lazy } = await decodedBothWays({
      firstTimestamp: 1,
      maxTimestamp: 2,
      lastOffsetDelta: 40,
      records: records.map((record) => encodeRecord(record)),
    });
    const [first] = lazy;
    expect(Object.keys(first ?? {})).not.toContain('value');
    expect(first?.value).toBe(first?.value);
    expect(JSON.parse(JSON.stringify(first))).toMatchObject({ offset: '0', key: { type: 'Buffer' }, value: { type: 'Buffer' } });
  });

  // A deliberate difference: stock kafkajs folds such a header with what Object.prototype holds under its name.
  it('keeps a header named __proto__ as a header, not as the headers object’s prototype', async () => {
    const headers: Record<string, Buffer> = {};
    Object.defineProperty(headers, '__proto__', { value: Buffer.from('p'), enumerable: true });
    const { lazy } = await decodedBothWays({ records: [encodeRecord({ key: null, value: Buffer.from('v'), headers })] });
    const decoded = lazy[0]?.headers ?? {};
    expect(Object.getPrototypeOf(decoded)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(decoded, '__proto__')?.value).toEqual(Buffer.from('p'));
  });

  it('refuses a record whose length runs past its batch instead of reading the next one', async () => {
    const { buffer } = await encodeBatch({ records: [encodeRecord({ key: null, value: Buffer.from('v') })] });
    // The record's length varint follows the first offset (8 bytes), the batch's length (4), its header (45) and the record count (4).
    const corrupt = Buffer.from(buffer);
    expect(corrupt[8 + 4 + 45 + 4]).toBeLessThan(0x40);
    corrupt[8 + 4 + 45 + 4] = 0x7e; // zig-zag 63: longer than the bytes left
    await expect(decodeBatch(new Decoder(corrupt), { lazyRecords: true })).rejects.toThrow(/does not fit its batch/);
  });
});
