import { afterEach, describe, expect, it } from 'vitest';
import { dispatchRequest } from '../../electron/core/app/api-dispatch';
import { startTerminal } from '../../electron/core/app/terminal';
import { EnvironmentGuardError } from '../../electron/core/kafka/environment-guard';
import { Storage } from '../../electron/core/store/storage';
import { simulateStream } from '../../scripts/simulator/order-simulator';
import { produceRecords } from '../../scripts/simulator/produce';
import { readTopicWithKcat } from '../support/kcat';
import { createTopics, testConfig, waitFor } from '../support/core-harness';
import { waitUntilDrained } from '../support/core-harness-wait';
import { kitchenEvent } from '../support/events';
import { snapshotOf } from '../support/kitchen-fixtures';
import { testBootstrap, testKafka } from '../support/kafka';
import { expectedOrders } from '../../scripts/torture/oracle';
import { startObserved, type ObservedTerminal } from '../support/terminal-observer';

const cores: ObservedTerminal[] = [];
afterEach(async () => {
  await Promise.all(cores.splice(0).map((core) => core.stop()));
});

describe('ingest: poison records and the environment guard', () => {
  it('dead-letters every poison record with its offset and reason, applies every valid one, and keeps the partition moving', async () => {
    const config = testConfig(testBootstrap());
    const kafka = testKafka();
    await createTopics(kafka, config, 2);
    const records = simulateStream({ merchants: ['m-1'], ordersPerMerchant: 60, seed: 3, faults: { poison: 0.25 } });
    const poison = records.filter((r) => r.poison);
    expect(new Set(poison.map((r) => r.poison))).toEqual(new Set(['malformed-json', 'schema', 'oversized']));
    const tolerated = records.filter((r) => r.tolerated === 'unknown-type');
    expect(tolerated.length).toBeGreaterThan(0);
    await produceRecords(kafka, config.topics.orders, records, { batchSize: 20 });

    const core = startObserved(config);
    cores.push(core);
    await waitUntilDrained(core, records.length, 60_000);

    const letters = core.read((db) => db.deadLetters.recent(1000));
    expect(letters).toHaveLength(poison.length);
    expect(new Set(letters.map((l) => l.reason))).toEqual(new Set(['MALFORMED_JSON', 'SCHEMA', 'OVERSIZED']));
    for (const letter of letters) {
      expect(letter.topic).toBe(config.topics.orders);
      expect(letter.partition).not.toBeNull();
      expect(Number(letter.offset)).toBeGreaterThanOrEqual(0);
    }
    const oversized = letters.find((l) => l.reason === 'OVERSIZED');
    expect(oversized?.raw_size).toBeGreaterThan(1_000_000);
    const raw = core.read((db) => db.deadLetters.largestRaw()) ?? 0;
    expect(raw).toBeLessThanOrEqual(4096);
    expect(letters.find((l) => l.reason === 'SCHEMA' && l.detail.includes('version'))).toBeDefined();

    // IT staff see the same letters through the app API's diagnostics operation, without raw bytes.
    const shown = await dispatchRequest(core.terminal.api, 'deadLetters', undefined);
    expect(shown.ok && shown.value).toHaveLength(Math.min(50, poison.length));
    expect(JSON.stringify(shown)).not.toContain('"raw"');

    const expected = expectedOrders(records, 'm-1');
    for (const [orderId, want] of expected) expect(core.order(orderId)?.appliedVersion, orderId).toBe(want.version);
    expect(core.status().deadLetters).toBe(poison.length);
    // A newer producer's event types are counted, not dead-lettered, and put nothing on screen.
    expect(core.status().counters['records.unknown-type']).toBe(tolerated.length);
    expect((await snapshotOf(core.terminal)).tickets.some((t) => t.orderId.startsWith('poison-'))).toBe(false);
  });

  it('refuses topics of another environment before connecting, with a clear message', () => {
    const config = testConfig(testBootstrap(), { env: 'staging', topics: { orders: 'prod.orders' } });
    expect(() => startTerminal(config, { log: () => undefined })).toThrow(EnvironmentGuardError);
    expect(() => startTerminal(config, { log: () => undefined })).toThrow('topic "prod.orders" does not belong to environment "staging"');
  });

  it('refuses to consume from a cluster other than the pinned one, and says so in its status', async () => {
    const config = testConfig(testBootstrap(), { expectedClusterId: 'AAAAAAAAAAAAAAAAAAAAAA' });
    const kafka = testKafka();
    await createTopics(kafka, config);
    await produceRecords(kafka, config.topics.orders, simulateStream({ merchants: ['m-1'], ordersPerMerchant: 3 }));
    // A cook action left waiting from an earlier run: the terminal must not publish it to this cluster either.
    const earlier = Storage.open(config.dataDir);
    earlier.transact((tx) => tx.outbox.add(kitchenEvent('TICKET_BUMPED', { eventId: 'k1' }), Date.now()));
    earlier.close();
    const core = startObserved(config);
    cores.push(core);
    const status = await waitFor('refusal', () => (core.status().connection.state === 'refused' ? core.status() : undefined), 20_000);
    expect(status.connection.detail).toContain('pinned to cluster "AAAAAAAAAAAAAAAAAAAAAA"');
    // Refused is final and comes before the group is positioned: nothing was, or will be, consumed.
    expect(status.consumer.state).toBe('refused');
    expect(core.orders()).toEqual([]);
    expect(core.read((db) => db.offsets.all(config.topics.orders))).toEqual([]);

    // Nor does it write there: the waiting cook action stays in the outbox, with the reason.
    const outbox = await waitFor(
      'the publisher to refuse',
      () => (core.status().outbox.lastError ? core.status().outbox : undefined),
      20_000,
    );
    expect(outbox).toMatchObject({ pending: 1, lastError: expect.stringContaining('refusing to publish') });
    expect(await readTopicWithKcat(testBootstrap(), config.topics.kitchenEvents)).toEqual([]);
  });
});
