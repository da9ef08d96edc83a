import { createHash } from 'node:crypto';
import type { IncomingRecord } from './decode-record';

/** What a fingerprint reads of a record (kafkajs' message has it too). */
export type FingerprintedRecord = Pick<IncomingRecord, 'offset' | 'key' | 'value' | 'timestamp'>;

/**
 * What identifies one record of one log: its offset, timestamp and a hash of key and value.
 * Stored with the next offset, it proves at the next start that the log is still the one the
 * offset was read from (a recreated topic has other records at the same offsets).
 */
export function recordFingerprint(record: FingerprintedRecord): { fingerprint: string; at: number } {
  const hash = createHash('sha1');
  if (record.key) hash.update(record.key);
  hash.update('\u0000');
  if (record.value) hash.update(record.value);
  const at = Number(record.timestamp ?? 0);
  return { fingerprint: `${record.offset}|${at}|${hash.digest('hex').slice(0, 16)}`, at };
}
