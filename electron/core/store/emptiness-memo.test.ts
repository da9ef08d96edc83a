import { describe, expect, it } from 'vitest';
import { orderEvent } from '../../../test/support/events';
import { tempStorage } from '../../../test/support/temp-storage';

const NOW = Date.parse('2026-12-04T12:00:00.000Z');

describe('the writing connection remembers that the retry queue and the parked events are empty', () => {
  it('answers from memory while empty, and from the table once a row is written or removed', () => {
    const storage = tempStorage();
    expect(storage.queue.hasOrder('o1')).toBe(false);
    storage.transact((tx) => tx.queue.enqueue('o1', 'ENRICH', null, NOW));
    expect(storage.queue.hasOrder('o1')).toBe(true);
    expect(storage.queue.hasOrder('o2')).toBe(false);
    const [entry] = storage.queue.dueHeads(NOW, 10);
    storage.transact((tx) => tx.queue.remove(entry?.id ?? -1));
    expect(storage.queue.hasOrder('o1')).toBe(false);

    expect(storage.parked.at('o1', 2)).toBeUndefined();
    storage.transact((tx) => tx.parked.park(orderEvent('o1', 2, 'ORDER_PAID'), NOW));
    expect(storage.parked.at('o1', 2)).toMatchObject({ orderId: 'o1', version: 2 });
  });

  it('a rolled-back removal of the last row does not leave the table remembered as empty', () => {
    const storage = tempStorage();
    storage.transact((tx) => tx.parked.park(orderEvent('o1', 2, 'ORDER_PAID'), NOW));
    expect(() =>
      storage.transact((tx) => {
        tx.parked.remove('o1', 2);
        // Counted empty inside the transaction...
        expect(tx.parked.at('o1', 2)).toBeUndefined();
        throw new Error('the transaction fails');
      }),
    ).toThrow('the transaction fails');
    // ...and the row is back after the rollback: the memory was dropped with it.
    expect(storage.parked.at('o1', 2)).toMatchObject({ version: 2 });
  });
});
