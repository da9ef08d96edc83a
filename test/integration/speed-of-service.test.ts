import { Kafka, logLevel } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { dispatchRequest } from '../../electron/core/app/api-dispatch';
import { localDay } from '../../electron/core/app/speed-of-service';
import { MERCHANT_HEADER } from '../../shared/order-events';
import type { SpeedOfService } from '../../shared/reports';
import { simulateService } from '../../scripts/simulator/service-simulator';
import { createTopics, testConfig, waitForAsync } from '../support/core-harness';
import { testBootstrap } from '../support/kafka';
import { waitUntilDrained } from '../support/core-harness-wait';
import { inspectTerminal, startTestTerminal } from '../support/kitchen-fixtures';
import { serviceOracle } from '../support/service-oracle';

describe('speed of service', () => {
  it(
    'figures for a day and the 7 before it match an independent oracle over a simulated service (cook times, bump delays, recalls, expo bumps, walk-outs)',
    { timeout: 120_000 },
    async () => {
      const config = testConfig(testBootstrap(), { terminalId: 'expo-1', retention: { closedOrderDays: 10, deadLetterDays: 30 } });
      const kafka = new Kafka({ brokers: config.kafka.brokers, clientId: 'speed-of-service-test', logLevel: logLevel.NOTHING });
      await createTopics(kafka, config);
      const day = localDay(Date.now() - 24 * 3600_000);
      const days = Array.from({ length: 8 }, (_, i) => localDay(Date.now() - (8 - i) * 24 * 3600_000));
      expect(days[7]).toBe(day);
      const { orders, kitchen } = simulateService({ merchantId: 'm-1', days, ordersPerDay: 60, until: Date.now() });
      const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
      await producer.connect();
      await producer.send({
        topic: config.topics.orders,
        acks: -1,
        messages: orders.map((e) => ({ key: e.orderId, value: JSON.stringify(e), headers: { [MERCHANT_HEADER]: e.merchantId } })),
      });
      await producer.send({
        topic: config.topics.kitchenEvents,
        acks: -1,
        messages: kitchen.map((e) => ({ key: e.orderId, value: JSON.stringify(e), headers: { [MERCHANT_HEADER]: e.merchantId } })),
      });
      await producer.disconnect();

      // Everything is on the topics before the terminal starts: nothing arrives "live" (a live record's old time would not be trusted).
      const terminal = startTestTerminal(config);
      try {
        await waitUntilDrained(terminal, orders.length);
        const bumpsAndRecalls = kitchen.filter((e) => e.type === 'TICKET_BUMPED' || e.type === 'TICKET_RECALLED').length;
        const orderIds = orders.map((o) => o.orderId);
        await waitForAsync('every kitchen event applied', async () =>
          inspectTerminal(config, (storage) => storage.audit.bumpsAndRecalls(orderIds).length === bumpsAndRecalls),
        );
        const result = await dispatchRequest(terminal.api, 'speedOfService', { day });
        if (!result.ok) throw new Error(result.error);
        const { computedInMs, ...figures } = result.value as SpeedOfService;
        const oracle = serviceOracle(orders, kitchen, day, config.screen.lateMinutes);
        expect(figures).toEqual({ day, warnMinutes: 5, lateMinutes: 8, retentionDays: 10, ...oracle });
        // The simulation is a real service: rushes make late tickets, every station and channel is there.
        expect(figures.today.tickets).toBeGreaterThan(40);
        expect(figures.today.late).toBeGreaterThan(0);
        expect(figures.byStation.map((s) => s.key)).toEqual(['bar', 'cold', 'fry', 'grill']);
        expect(figures.lastSevenDays.tickets).toBeGreaterThan(6 * 40);
        console.log(`speed of service: ${orders.length} orders, ${kitchen.length} kitchen events, figures in ${computedInMs} ms`);

        const csv = await dispatchRequest(terminal.api, 'speedOfServiceCsv', { day });
        if (!csv.ok) throw new Error(csv.error);
        const { csv: text, rows } = csv.value as { csv: string; rows: number };
        const lines = text.trimEnd().split('\r\n');
        expect(lines[0]).toBe('order_id,display_number,channel,station,fired_at,bumped_at,seconds,late');
        expect(lines).toHaveLength(rows + 1);
        expect(lines.filter((line) => line.includes(',ALL,'))).toHaveLength(oracle.today.tickets);
        expect(lines.filter((line) => line.includes(',ALL,') && line.endsWith(',yes'))).toHaveLength(oracle.today.late);
      } finally {
        await terminal.stop();
      }
    },
  );
});
