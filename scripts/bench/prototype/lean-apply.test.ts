import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { orderEvent, placedOrder } from '../../../test/support/events';
import { LeanApply, leanBatch } from './lean-apply';

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

function lean(): LeanApply {
  const folder = mkdtempSync(join(tmpdir(), 'kds-lean-'));
  folders.push(folder);
  return new LeanApply(folder);
}

const event = (orderId: string, version: number) =>
  version === 1 ? placedOrder(orderId) : orderEvent(orderId, version, version === 2 ? 'ORDER_ACCEPTED' : 'ORDER_READY');
const messages = (events: object[], firstOffset = 0) =>
  events.map((value, index) => ({ offset: String(firstOffset + index), value: Buffer.from(JSON.stringify(value)) }));

describe("the next-design-step prototype's apply (scripts/bench, not the product)", () => {
  it('applies by version: a duplicate is skipped, a gap is parked, each order written once with its last version and snapshot', () => {
    const apply = lean();
    const batch = leanBatch(0, messages([event('a', 1), event('a', 2), event('a', 2), event('b', 1), event('c', 3)]));
    expect(apply.apply(batch)).toBe(5);
    expect([apply.applied, apply.duplicates, apply.parked, apply.refused]).toEqual([3, 1, 1, 0]);
    const rows = apply.db.prepare('SELECT order_id, applied_version, snapshot IS NOT NULL AS has FROM orders ORDER BY order_id').all();
    expect(rows).toEqual([
      { order_id: 'a', applied_version: 2, has: 1 },
      { order_id: 'b', applied_version: 1, has: 1 },
    ]);
    expect(apply.db.prepare('SELECT partition, next_offset FROM prototype_offsets').all()).toEqual([{ partition: 0, next_offset: 5 }]);
    const receipts = apply.db.prepare('SELECT receipts FROM prototype_receipts').pluck().get() as string;
    expect(JSON.parse(receipts)).toEqual(['a-v1-ORDER_PLACED', 0, 'a-v2-ORDER_ACCEPTED', 1, 'b-v1-ORDER_PLACED', 3]);
    apply.db.close();
  });

  it('a record the reader refuses is counted, not applied', () => {
    const apply = lean();
    apply.apply(
      leanBatch(0, [
        { offset: '0', value: Buffer.from('{"type":"ORDER_PLACED"}') },
        { offset: '1', value: null },
      ]),
    );
    expect([apply.applied, apply.refused]).toEqual([0, 2]);
    apply.db.close();
  });

  it('a batch read again after a restart changes nothing: the versions stored make it duplicates', () => {
    const folder = mkdtempSync(join(tmpdir(), 'kds-lean-'));
    folders.push(folder);
    const first = new LeanApply(folder);
    const batch = leanBatch(1, messages([event('a', 1), event('a', 2)], 10));
    first.apply(batch);
    first.db.close();
    const again = new LeanApply(folder);
    again.apply(batch);
    expect([again.applied, again.duplicates]).toEqual([0, 2]);
    again.db.close();
  });
});
