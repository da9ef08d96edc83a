import { describe, expect, it } from 'vitest';
import type { IncomingRecord } from '../ingest/decode-record';
import { recordFingerprint } from '../ingest/record-fingerprint';
import { TopicIdentityGuard } from './topic-identity-guard';

const record = (offset: number, value: string): IncomingRecord => ({
  topic: 'dev.orders',
  partition: 0,
  offset: String(offset),
  value: Buffer.from(value),
  key: Buffer.from('o1'),
  timestamp: '1700000000000',
});

describe('log guard: is this still the log the stored offsets were read from?', () => {
  it('the re-read record before the stored offset proves the log, or shows it is another one', () => {
    const same = new TopicIdentityGuard('dev.orders');
    same.startSession(new Map([[0, { offset: '9', fingerprint: recordFingerprint(record(9, 'old')).fingerprint }]]));
    expect(same.provingOffset(0)).toBe('9');
    expect(same.check(0, '12', '10', [record(9, 'old'), record(10, 'x')])).toBeUndefined();
    expect(same.provingOffset(0)).toBeUndefined();

    const other = new TopicIdentityGuard('dev.orders');
    other.startSession(new Map([[0, { offset: '9', fingerprint: recordFingerprint(record(9, 'old')).fingerprint }]]));
    expect(other.check(0, '12', '10', [record(9, 'recreated')])).toEqual({
      kind: 'moved',
      reason: 'partition 0 holds another record at offset 9',
      proven: true,
    });
  });

  it('a log ending before the stored offset is a new log; a position that went back is a reason to check', () => {
    const guard = new TopicIdentityGuard('dev.orders');
    guard.startSession(new Map());
    expect(guard.check(0, '3', '10', [record(1, 'a')])).toMatchObject({ kind: 'moved', proven: true });
    guard.joined();
    expect(guard.check(1, '99', '10', [record(10, 'a'), record(11, 'b')])).toBeUndefined();
    expect(guard.check(1, '99', '12', [record(0, 'c')])).toEqual({
      kind: 'moved',
      reason: 'partition 1 went back from offset 11 to 0',
      proven: false,
    });
  });

  it('a client that moved the position after a join is seen from the offsets, not from its log lines', () => {
    const guard = new TopicIdentityGuard('dev.orders');
    guard.startSession(new Map());
    // The session sought partition 0 to offset 10.
    guard.joined(new Map([[0, '10']]));
    // Reset to the start of a shorter, recreated log: the first batch starts below where the session reads.
    expect(guard.check(0, '4', undefined, [record(0, 'new')])).toMatchObject({ kind: 'moved', proven: false });

    guard.joined(new Map([[0, '10']]));
    expect(guard.check(0, '20', '10', [record(10, 'a')])).toBeUndefined();
    // Offsets 11 to 14 never came: transaction markers and aborted records, or records deleted before they were read.
    expect(guard.check(0, '20', '11', [record(15, 'b')])).toEqual({ kind: 'skipped', from: '11', to: '15' });
  });

  it('recognises the client log line that means a partition vanished under a fetch', () => {
    const guard = new TopicIdentityGuard('dev.orders');
    expect(
      guard.clientSaysTopicVanished({
        message: 'Response Fetch(key: 1, version: 11)',
        error: 'This server does not host this topic-partition',
      }),
    ).toBe(true);
    expect(
      guard.clientSaysTopicVanished({ message: 'Response Metadata(key: 3, version: 6)', error: 'The group coordinator is not available' }),
    ).toBe(false);
  });
});
