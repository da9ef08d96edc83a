import type { z } from 'zod';
import { describeZodError, MERCHANT_HEADER } from '../../../shared/order-events';
import type { Tx } from '../store/storage';
import { avroSchemaId, type AvroDecoding } from './avro-reader';

/** One Kafka record as the ingest path needs it (kafkajs' message shape, reduced). */
export interface IncomingRecord {
  topic: string;
  partition: number;
  offset: string;
  value: Buffer | null;
  key?: Buffer | null;
  /** Kafka's record timestamp, ms since epoch as text (kafkajs' form). */
  timestamp?: string;
  /** Fetched while its partition was caught up: received moments after it was produced. */
  live?: boolean;
  headers?: Record<string, Buffer | string | (Buffer | string)[] | undefined>;
  /**
   * Waited for its Avro schema (avro-reader.ts) while the partition moved past it: the stored
   * offset says nothing about it, and the dedupe by event id keeps it from applying twice.
   */
  waited?: boolean;
}

export interface DecodeContext {
  merchantId: string;
  maxRecordBytes: number;
  /** Records in Confluent's Avro wire format are decoded with this; without it they are dead letters. */
  avro?: AvroDecoding;
}

/** What checks a record's value: a zod schema, or a reader that answers as one (shared/order-event-reader.ts). */
export interface RecordReader<T> {
  safeParse(json: unknown): z.ZodSafeParseResult<T>;
}

export type Decoded<T> = { event: T } | { skipped: 'already-applied' | 'other-merchant' | 'dead-lettered' };

// Shared answers for the records most often skipped: a catch-up skips hundreds of thousands.
const ALREADY_APPLIED = { skipped: 'already-applied' } as const;
const OTHER_MERCHANT = { skipped: 'other-merchant' } as const;

/** Whether a record's header names another merchant than `merchantId`; bytes are compared without decoding them. */
export function namesAnotherMerchant(value: Buffer | string | (Buffer | string)[] | undefined, merchantId: string): boolean {
  const first = Array.isArray(value) ? value[0] : value;
  if (first === undefined) return false;
  return typeof first === 'string' ? first !== merchantId : !sameBytes(first, bytesOf(merchantId));
}

/**
 * `a.equals(b)` for the few bytes of a merchant id: Buffer#equals crosses into C++ for every call,
 * which cost a catch-up of one merchant among 500 more than all its other checks of a skipped record.
 */
function sameBytes(a: Buffer, b: Buffer): boolean {
  if (a.length !== b.length) return false;
  for (let index = 0; index < a.length; index += 1) if (a[index] !== b[index]) return false;
  return true;
}

/** `a < b` for Kafka offsets as kafkajs gives them (decimal text, no leading zeros), without parsing a BigInt per record. */
export function offsetBefore(a: string, b: string): boolean {
  return a.length === b.length ? a < b : a.length < b.length;
}

/** The merchant id's bytes, made once per merchant rather than once per record. */
const merchantBytes = new Map<string, Buffer>();
function bytesOf(merchantId: string): Buffer {
  let bytes = merchantBytes.get(merchantId);
  if (!bytes) {
    bytes = Buffer.from(merchantId, 'utf8');
    merchantBytes.set(merchantId, bytes);
  }
  return bytes;
}

/**
 * The checks every consumed topic shares, in order: below the stored offset (already applied),
 * another merchant's header (skipped before any parsing), size cap, JSON, schema, merchant in
 * the value. Poison is dead-lettered with where it came from, so the partition keeps moving.
 */
export function decodeRecord<T extends { merchantId: string }>(
  tx: Tx,
  record: IncomingRecord,
  schema: RecordReader<T>,
  context: DecodeContext,
  now: number,
): Decoded<T> {
  if (record.waited !== true) {
    const stored = tx.offsets.next(record.topic, record.partition);
    if (stored !== undefined && offsetBefore(record.offset, stored)) return ALREADY_APPLIED;
  }

  if (namesAnotherMerchant(record.headers?.[MERCHANT_HEADER], context.merchantId)) return OTHER_MERCHANT;

  const where = { topic: record.topic, partition: record.partition, offset: record.offset };
  const raw = record.value ?? Buffer.alloc(0);
  if (raw.length > context.maxRecordBytes) {
    const detail = `record of ${raw.length} bytes exceeds the ${context.maxRecordBytes}-byte limit`;
    tx.deadLetters.add({ ...where, reason: 'OVERSIZED', detail, raw, rawSize: raw.length }, now);
    return { skipped: 'dead-lettered' };
  }
  let json: unknown;
  const schemaId = avroSchemaId(raw);
  if (schemaId !== undefined) {
    // Confluent's wire format (README "Avro and the schema registry"); JSON never starts with byte 0.
    if (!context.avro) {
      const detail = `an Avro record (schema id ${schemaId}) and no schema registry is configured (schemaRegistry.url)`;
      tx.deadLetters.add({ ...where, reason: 'NO_SCHEMA_REGISTRY', detail, raw }, now);
      return { skipped: 'dead-lettered' };
    }
    const decoded = context.avro.decode(raw);
    if ('unknownSchema' in decoded) {
      // AvroReader.prepare fetches or parks every record of a batch before it is applied: not poison, never skipped.
      throw new Error(`schema id ${decoded.unknownSchema} was not fetched before the record was applied`);
    }
    if ('poison' in decoded) {
      tx.deadLetters.add({ ...where, reason: 'SCHEMA', detail: decoded.poison, raw }, now);
      return { skipped: 'dead-lettered' };
    }
    json = decoded.value;
  } else {
    try {
      json = JSON.parse(raw.toString('utf8'));
    } catch (error) {
      tx.deadLetters.add({ ...where, reason: 'MALFORMED_JSON', detail: (error as Error).message, raw }, now);
      return { skipped: 'dead-lettered' };
    }
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const ids = typeof json === 'object' && json !== null ? (json as Record<string, unknown>) : {};
    tx.deadLetters.add(
      {
        ...where,
        reason: 'SCHEMA',
        detail: describeZodError(parsed.error),
        raw,
        orderId: typeof ids.orderId === 'string' ? ids.orderId : undefined,
        eventId: typeof ids.eventId === 'string' ? ids.eventId : undefined,
      },
      now,
    );
    return { skipped: 'dead-lettered' };
  }
  if (parsed.data.merchantId !== context.merchantId) return OTHER_MERCHANT;
  return { event: parsed.data };
}
