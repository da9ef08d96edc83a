import { afterEach, describe, expect, it } from 'vitest';
import { KdsCore } from '../../electron/core/kds-core';
import { EnvironmentGuardError } from '../../electron/core/kafka/environment-guard';
import { simulateStream } from '../../scripts/simulator/order-simulator';
import { produceRecords } from '../../scripts/simulator/produce';
import { readTopicWithKcat } from '../support/kcat';
import { createTopics, testConfig, waitFor } from '../support/core-harness';
import { waitUntilDrained } from '../support/core-harness-wait';
import { testBootstrap, testKafka } from '../support/kafka';
import { expectedOrders } from '../support/oracle';

const cores: KdsCore[] = [];
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
    expect(new Set(poison.map((r) => r.poison))).toEqual(new Set(['malformed-json', 'schema', 'oversized', 'unknown-type']));
    await produceRecords(kafka, config.topics.orders, records, { batchSize: 20 });

    const core = new KdsCore(config, () => undefined);
    cores.push(core);
    core.start();
    await waitUntilDrained(core, records.length, 60_000);

    const letters = core.store.recentDeadLetters(1000);
    expect(letters).toHaveLength(poison.length);
    expect(new Set(letters.map((l) => l.reason))).toEqual(new Set(['MALFORMED_JSON', 'SCHEMA', 'OVERSIZED']));
    for (const letter of letters) {
      expect(letter.topic).toBe(config.topics.orders);
      expect(letter.partition).not.toBeNull();
      expect(Number(letter.offset)).toBeGreaterThanOrEqual(0);
    }
    const oversized = letters.find((l) => l.reason === 'OVERSIZED');
    expect(oversized?.raw_size).toBeGreaterThan(1_000_000);
    const raw = core.store.db.prepare('SELECT MAX(LENGTH(raw)) FROM dead_letters').pluck().get() as number;
    expect(raw).toBeLessThanOrEqual(4096);
    expect(letters.find((l) => l.reason === 'SCHEMA' && l.detail.includes('type'))).toBeDefined();

    const expected = expectedOrders(records, 'm-1');
    for (const [orderId, want] of expected) expect(core.order(orderId)?.appliedVersion, orderId).toBe(want.version);
    expect(core.status().deadLetters).toBe(poison.length);
  });

  it('refuses topics of another environment before connecting, with a clear message', () => {
    const config = testConfig(testBootstrap(), { env: 'staging', topics: { orders: 'prod.orders' } });
    expect(() => new KdsCore(config, () => undefined)).toThrow(EnvironmentGuardError);
    expect(() => new KdsCore(config, () => undefined)).toThrow('topic "prod.orders" does not belong to environment "staging"');
  });

  it('refuses to consume from a cluster other than the pinned one, and says so in its status', async () => {
    const config = testConfig(testBootstrap(), { expectedClusterId: 'AAAAAAAAAAAAAAAAAAAAAA' });
    const kafka = testKafka();
    await createTopics(kafka, config);
    await produceRecords(kafka, config.topics.orders, simulateStream({ merchants: ['m-1'], ordersPerMerchant: 3 }));
    const core = new KdsCore(config, () => undefined);
    cores.push(core);
    core.start();
    const status = await waitFor('refusal', () => (core.status().connection.state === 'refused' ? core.status() : undefined), 20_000);
    expect(status.connection.detail).toContain('pinned to cluster "AAAAAAAAAAAAAAAAAAAAAA"');
    expect(status.consumer.state).toBe('refused');
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(core.orders()).toEqual([]);
    expect(core.store.offsets(config.topics.orders)).toEqual([]);

    // Nor does it write there: a waiting cook action stays in the outbox, with the reason.
    const action = {
      eventId: 'k1',
      type: 'TICKET_BUMPED',
      orderId: 'o1',
      merchantId: 'm-1',
      terminalId: 'grill-1',
      occurredAt: new Date().toISOString(),
    } as const;
    core.outbox.add(action, Date.now());
    core.actionsSaved();
    const outbox = await waitFor(
      'the publisher to refuse',
      () => (core.status().outbox.lastError ? core.status().outbox : undefined),
      20_000,
    );
    expect(outbox).toMatchObject({ pending: 1, lastError: expect.stringContaining('refusing to publish') });
    expect(await readTopicWithKcat(testBootstrap(), config.topics.kitchenEvents)).toEqual([]);
  });
});
