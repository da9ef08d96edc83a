import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { ServerMessage } from '../../shared/app-api';
import { AppService } from '../../electron/core/app-service';
import { WebHost } from '../../electron/core/host/web-host';
import { KdsCore } from '../../electron/core/kds-core';
import { simulateStream } from '../../scripts/simulator/order-simulator';
import { produceRecords } from '../../scripts/simulator/produce';
import { useTickets } from '../../renderer/src/ticket-store';
import { createTopics, testConfig, waitFor } from '../support/core-harness';
import { waitUntilDrained } from '../support/core-harness-wait';
import { testBootstrap, testKafka } from '../support/kafka';

describe('ticket stream under a backlog', () => {
  it(
    'while a 50,000-event backlog drains, deltas stay coalesced (at most ~30 a second) and the screen state built from them is exact',
    { timeout: 240_000 },
    async () => {
      const config = testConfig(testBootstrap());
      const kafka = testKafka();
      await createTopics(kafka, config, 4);
      // Recent orders so they are on screen (placed minutes ago), most still open.
      const records = simulateStream({
        merchants: ['m-1'],
        ordersPerMerchant: 15_500,
        seed: 21,
        start: new Date(Date.now() - 3_600_000),
      }).slice(0, 50_000);
      expect(records.length).toBe(50_000);
      await produceRecords(kafka, config.topics.orders, records, { batchSize: 2000 });

      const core = new KdsCore(config, () => undefined);
      const app = new AppService(core);
      const host = new WebHost(app, { host: '127.0.0.1', port: 0, rendererDir: resolve('dist/renderer') });
      const url = await host.start();
      const socket = new WebSocket(`${url.replace('http', 'ws')}ws`);
      const deltaTimes: number[] = [];
      let gaps = 0;
      socket.on('message', (data) => {
        const message = JSON.parse(String(data)) as ServerMessage;
        const store = useTickets.getState();
        if (message.kind === 'snapshot') store.applySnapshot(message);
        if (message.kind === 'delta') {
          deltaTimes.push(Date.now());
          if (!store.applyDelta(message)) gaps += 1;
        }
      });
      await new Promise((resolve) => socket.once('open', resolve));
      core.start();
      try {
        await waitUntilDrained(core, records.length, 180_000, true);
        // Send whatever is still being coalesced, then let the client receive it.
        app.stream.flush();
        await waitFor('the last delta', () => useTickets.getState().seq === app.stream.snapshot().seq, 5_000);

        const perSecond = new Map<number, number>();
        for (const time of deltaTimes) perSecond.set(Math.floor(time / 1000), (perSecond.get(Math.floor(time / 1000)) ?? 0) + 1);
        const busiest = Math.max(...perSecond.values());
        console.log(
          `backlog: ${records.length} events, ${deltaTimes.length} deltas over ${perSecond.size} s, busiest second ${busiest} deltas`,
        );
        expect(busiest).toBeLessThanOrEqual(30);
        expect(gaps).toBe(0);

        const screen = useTickets.getState().tickets;
        const truth = app.stream.snapshot().tickets;
        expect(Object.keys(screen).length).toBe(truth.length);
        expect(truth.length).toBeGreaterThan(100);
        for (const ticket of truth) expect(screen[ticket.orderId]).toEqual(ticket);
      } finally {
        socket.close();
        await host.stop();
        app.close();
        await core.stop();
      }
    },
  );
});
