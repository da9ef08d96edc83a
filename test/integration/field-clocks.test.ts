import { afterEach, describe, expect, it } from 'vitest';
import { createTopics, testConfig, waitFor } from '../support/core-harness';
import { placedOrder } from '../support/events';
import { testBootstrap, testKafka } from '../support/kafka';
import { produceOrders, snapshotOf } from '../support/kitchen-fixtures';
import { startObserved, type ObservedTerminal } from '../support/terminal-observer';

const running: ObservedTerminal[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((terminal) => terminal.stop()));
});

describe('a producer whose clock is wrong (real broker)', () => {
  for (const offsetMinutes of [10, -10]) {
    it(`a producer clock ${offsetMinutes > 0 ? 'ahead' : 'behind'} by 10 minutes: the ticket shows at once and its age is neither negative nor absurd`, async () => {
      const config = testConfig(testBootstrap());
      const kafka = testKafka();
      await createTopics(kafka, config, 1);
      const terminal = startObserved(config);
      running.push(terminal);
      // A first, correct order: the partition is then caught up, and later records arrive live.
      await produceOrders(kafka, config.topics.orders, [placedOrder('warm-up', { occurredAt: new Date().toISOString() })]);
      await waitFor('the first order', () => terminal.order('warm-up') !== undefined, 30_000);
      await waitFor('the consumer to be caught up', () => terminal.status().totalLag === 0, 10_000);

      const sentAt = Date.now();
      const skewed = placedOrder('skewed', { occurredAt: new Date(sentAt + offsetMinutes * 60_000).toISOString() });
      await produceOrders(kafka, config.topics.orders, [skewed]);
      await waitFor('the skewed order', () => terminal.order('skewed') !== undefined, 30_000);
      const ticket = (await snapshotOf(terminal.terminal)).tickets.find((t) => t.orderId === 'skewed');
      expect(ticket, 'on screen at once').toBeDefined();
      const now = Date.now();
      const age = now - Date.parse(ticket?.placedAt ?? '');
      expect(age).toBeGreaterThanOrEqual(0);
      expect(age).toBeLessThan(30_000);
      expect(Date.parse(ticket?.fireAt ?? '')).toBeLessThanOrEqual(now);
      const skew = terminal.status().clock.largestSkewMs ?? 0;
      expect(Math.sign(skew)).toBe(Math.sign(offsetMinutes));
      expect(Math.abs(Math.abs(skew) - 10 * 60_000)).toBeLessThan(30_000);
    });
  }
});
