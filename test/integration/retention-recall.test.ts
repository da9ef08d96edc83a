import { describe, expect, it } from 'vitest';
import { startTerminal } from '../../electron/core/app/terminal';
import { OffsetClock } from '../../scripts/bench/offset-clock';
import { createTopics, testConfig, waitFor, waitForAsync } from '../support/core-harness';
import { orderEvent } from '../support/events';
import { testBootstrap, testKafka } from '../support/kafka';
import { act, grillAndFryOrder, inspectTerminal, produceOrders, snapshotOf } from '../support/kitchen-fixtures';

const DAY = 24 * 3600_000;

describe('history retention (real broker, shifted clock)', () => {
  it('a completed ticket can be recalled within the retention window, and is gone after it', { timeout: 120_000 }, async () => {
    const config = testConfig(testBootstrap(), { retention: { closedOrderDays: 7, deadLetterDays: 30 } });
    const kafka = testKafka();
    await createTopics(kafka, config, 1);
    const clock = new OffsetClock(Date.now());
    const terminal = startTerminal(config, { log: () => undefined, clock, coalesceMs: 50 });
    try {
      const placed = grillAndFryOrder('ord-r1');
      await produceOrders(kafka, config.topics.orders, [placed]);
      await waitForAsync('the ticket', async () => (await snapshotOf(terminal)).tickets.length === 1, 30_000);
      await act(terminal, { type: 'BUMP', orderId: 'ord-r1' });
      await produceOrders(kafka, config.topics.orders, [orderEvent('ord-r1', 2, 'ORDER_COMPLETED', { merchantId: placed.merchantId })]);
      await waitFor('completed', () => inspectTerminal(config, (db) => db.orders.get('ord-r1')?.status === 'COMPLETED'), 30_000);
      expect((await snapshotOf(terminal)).tickets).toEqual([]);

      // Six days later, still within the window: the cook's recall brings it back, marked DONE.
      clock.set(Date.now() + 6 * DAY);
      await act(terminal, { type: 'RECALL_LAST' });
      expect((await snapshotOf(terminal)).tickets.map((ticket) => [ticket.orderId, ticket.status])).toEqual([['ord-r1', 'DONE']]);
      await act(terminal, { type: 'BUMP', orderId: 'ord-r1' });
      expect((await snapshotOf(terminal)).tickets).toEqual([]);

      // Past the window: the order and its kitchen state are pruned; there is nothing left to recall.
      clock.set(Date.now() + 8 * DAY);
      await waitFor('pruned', () => inspectTerminal(config, (db) => db.orders.get('ord-r1') === undefined), 30_000);
      const recall = await terminal.api.execute({ type: 'RECALL_LAST' });
      expect(recall).toEqual({ ok: false, error: 'no bumped ticket to recall' });
      expect((await snapshotOf(terminal)).tickets).toEqual([]);
    } finally {
      await terminal.stop();
    }
  });
});
