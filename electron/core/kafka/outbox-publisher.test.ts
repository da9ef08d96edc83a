import { describe, expect, it } from 'vitest';
import type { KitchenEvent } from '../../../shared/kitchen-events';
import { kitchenEvent } from '../../../test/support/events';
import { ManualClock } from '../../../test/support/manual-clock';
import { tempStorage } from '../../../test/support/temp-storage';
import type { OutboxEntry } from '../store/outbox';
import type { Storage } from '../store/storage';
import { EnvironmentGuardError } from './environment-guard';
import { OutboxPublisher, type PublishTransport } from './outbox-publisher';

const TOPIC = 'dev.kitchen-events';

/** A stand-in for the topic: records what was sent, fails on demand; its end offsets are set by the test. */
class RecordingTransport implements PublishTransport {
  readonly sent: string[][] = [];
  ends: { partition: number; high: string }[] = [{ partition: 0, high: '0' }];
  failNext: Error | undefined;
  resets = 0;

  async topicEnds() {
    if (this.failNext instanceof EnvironmentGuardError) throw this.failNext;
    return this.ends;
  }

  async send(batch: readonly OutboxEntry[]) {
    const failure = this.failNext;
    this.failNext = undefined;
    if (failure) throw failure;
    this.sent.push(batch.map((entry) => entry.eventId));
  }

  async reset() {
    this.resets += 1;
  }
}

function setup() {
  const storage = tempStorage();
  const clock = new ManualClock();
  const transport = new RecordingTransport();
  const logs: string[] = [];
  const publisher = new OutboxPublisher(storage, TOPIC, transport, { log: (_level, message) => logs.push(message), clock });
  const add = (...events: KitchenEvent[]) => storage.transact((tx) => events.forEach((event) => tx.outbox.add(event, clock.now())));
  return { storage, clock, transport, publisher, add, logs };
}

/** This terminal's kitchen-events consumer read the topic up to `next` (what its echo does). */
const readBackTo = (storage: Storage, next: string) =>
  storage.transact((tx) => {
    tx.offsets.set(TOPIC, 0, next, 0);
    tx.changes.status = true;
  });

describe('outbox publisher (real SQLite file, stand-in transport, injected clock)', () => {
  it('reads the topic back before its first publish, then sends in order and empties the outbox', async () => {
    const { storage, clock, transport, publisher, add } = setup();
    transport.ends = [{ partition: 0, high: '2' }];
    add(kitchenEvent('TICKET_STARTED', { eventId: 'a' }), kitchenEvent('TICKET_BUMPED', { eventId: 'b' }));
    publisher.start();
    await clock.advance(0);
    expect(transport.sent).toEqual([]); // waiting: the consumer has not read the topic up to its end yet
    readBackTo(storage, '2');
    await clock.advance(0);
    expect(transport.sent).toEqual([['a', 'b']]);
    expect(storage.outbox.status().pending).toBe(0);
    add(kitchenEvent('ITEM_DONE', { eventId: 'c', lineId: 'l1' }));
    publisher.wake();
    await clock.advance(0);
    expect(transport.sent).toEqual([['a', 'b'], ['c']]);
    await publisher.stop();
  });

  it('after a failed send it backs off, records the error, and reads back again: a row whose echo arrived is not sent twice', async () => {
    const { storage, clock, transport, publisher, add } = setup();
    add(kitchenEvent('TICKET_STARTED', { eventId: 'a' }), kitchenEvent('TICKET_BUMPED', { eventId: 'b' }));
    publisher.start();
    transport.failNext = new Error('Connection timeout');
    await clock.advance(0);
    expect(storage.outbox.status()).toMatchObject({ pending: 2, lastError: 'Connection timeout' });
    expect(transport.resets).toBe(1);

    // The send had landed after all: the echo of "a" comes back while the publisher backs off.
    transport.ends = [{ partition: 0, high: '1' }];
    storage.transact((tx) => tx.outbox.confirm('a'));
    readBackTo(storage, '1');
    publisher.wake(); // new work does not cut a backoff
    await clock.advance(0);
    expect(transport.sent).toEqual([]);
    await clock.advance(1_000);
    expect(transport.sent).toEqual([['b']]);
    expect(storage.outbox.status().pending).toBe(0);
    await publisher.stop();
  });

  it('the broker coming back cuts the backoff short', async () => {
    const { clock, transport, publisher, add } = setup();
    add(kitchenEvent('TICKET_STARTED', { eventId: 'a' }));
    publisher.start();
    transport.failNext = new Error('ECONNREFUSED');
    await clock.advance(0);
    publisher.retryNow();
    await clock.advance(0);
    expect(transport.sent).toEqual([['a']]);
    await publisher.stop();
  });

  it('a cluster other than the pinned one is final: nothing is ever sent, the reason stays on the rows', async () => {
    const { storage, clock, transport, publisher, add } = setup();
    add(kitchenEvent('TICKET_BUMPED', { eventId: 'a' }));
    transport.failNext = new EnvironmentGuardError('refusing to publish: terminal is pinned to cluster "X"');
    publisher.start();
    await clock.advance(60_000);
    expect(transport.sent).toEqual([]);
    expect(storage.outbox.status()).toMatchObject({ pending: 1, lastError: expect.stringContaining('refusing to publish') });
    await publisher.stop();
  });

  it('gives up waiting for the read-back after its timeout and publishes (consumers dedupe by eventId)', async () => {
    const { clock, transport, publisher, add, logs } = setup();
    transport.ends = [{ partition: 0, high: '9' }];
    add(kitchenEvent('TICKET_BUMPED', { eventId: 'a' }));
    publisher.start();
    await clock.advance(29_999);
    expect(transport.sent).toEqual([]);
    await clock.advance(1);
    expect(transport.sent).toEqual([['a']]);
    expect(logs.join('\n')).toContain('could not read the topic back in time');
    await publisher.stop();
  });
});
