import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { dispatchRequest } from '../../electron/core/app/api-dispatch';
import { createTopics, testConfig, waitFor } from '../support/core-harness';
import { placedOrder } from '../support/events';
import { testBootstrap, testKafka } from '../support/kafka';
import { act, produceOrders, snapshotOf, startTestTerminal } from '../support/kitchen-fixtures';
import { observe, type ObservedTerminal } from '../support/terminal-observer';

const running: ObservedTerminal[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((terminal) => terminal.stop()));
});

describe('replay on purpose: support re-reads the orders topic from a time (real broker)', () => {
  it('restores an order the terminal lost, doubles nothing, keeps cooks’ actions, and needs the PIN', async () => {
    const config = testConfig(testBootstrap(), { diagnosticsPin: '4321' });
    const kafka = testKafka();
    await createTopics(kafka, config, 2);
    await produceOrders(
      kafka,
      config.topics.orders,
      ['r1', 'r2', 'r3'].map((id) => placedOrder(id, { occurredAt: new Date().toISOString() })),
    );
    const first = observe(startTestTerminal(config));
    running.push(first);
    await waitFor('three orders', () => first.orders().length === 3, 30_000);
    await act(first.terminal, { type: 'BUMP', orderId: 'r1' });
    await first.stop();
    running.pop();

    // Damage: one order's row, which holds its applied version and event ids, is lost from the terminal's database.
    const db = new Database(join(config.dataDir, 'kds.db'));
    db.prepare("DELETE FROM orders WHERE order_id = 'r2'").run();
    db.close();

    const terminal = observe(startTestTerminal(config));
    running.push(terminal);
    await waitFor('the terminal to run', () => terminal.status().consumer.state === 'running', 30_000);
    expect(terminal.order('r2')).toBeUndefined();
    const since = new Date(Date.now() - 3_600_000).toISOString();
    expect(await dispatchRequest(terminal.terminal.api, 'replayOrders', { since, pin: '0000' })).toEqual({ ok: false, error: 'wrong PIN' });
    expect(await dispatchRequest(terminal.terminal.api, 'replayOrders', { since, pin: '4321' })).toMatchObject({ ok: true });

    await waitFor('the lost order back', () => terminal.order('r2')?.appliedVersion === 1, 30_000);
    // Every partition read again: the other two orders' events came back as duplicates and changed nothing.
    await waitFor('the replay to finish', () => (terminal.status().counters['records.duplicate'] ?? 0) >= 2, 30_000);
    expect(terminal.orders().map((o) => [o.orderId, o.eventsApplied])).toEqual([
      ['r1', 1],
      ['r2', 1],
      ['r3', 1],
    ]);
    const shown = (await snapshotOf(terminal.terminal)).tickets.map((t) => t.orderId).sort();
    expect(shown).toEqual(['r2', 'r3']);
  });

  it('without a configured PIN the action is off, with a message that says how to turn it on', async () => {
    const config = testConfig(testBootstrap());
    await createTopics(testKafka(), config, 1);
    const terminal = observe(startTestTerminal(config));
    running.push(terminal);
    expect(await dispatchRequest(terminal.terminal.api, 'replayOrders', { since: new Date().toISOString(), pin: '1234' })).toEqual({
      ok: false,
      error: 'support actions are off: set diagnosticsPin in the configuration',
    });
  });
});
