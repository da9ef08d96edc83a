import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startTerminal } from '../../electron/core/app/terminal';
import { WebHost } from '../../electron/core/host/web-host';
import { CoreClient } from '../../renderer/src/core-client';
import { startScreenSync } from '../../renderer/src/screen-sync';
import { simulateStream } from '../../scripts/simulator/order-simulator';
import { produceRecords } from '../../scripts/simulator/produce';
import { useTickets } from '../../renderer/src/ticket-store';
import { createTopics, testConfig, waitFor } from '../support/core-harness';
import { waitUntilDrained } from '../support/core-harness-wait';
import { testBootstrap, testKafka } from '../support/kafka';
import { snapshotOf } from '../support/kitchen-fixtures';
import { NodeWebSocketLink } from '../support/node-websocket-link';

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

      const terminal = startTerminal(config, { log: () => undefined });
      const host = new WebHost(terminal.api, {
        host: '127.0.0.1',
        port: 0,
        access: terminal.access,
        rendererDir: resolve('dist/renderer'),
      });
      const url = await host.start();
      // The screen's own sync code (snapshot, ordered deltas, resync on a gap) over a real WebSocket.
      const link = new NodeWebSocketLink(`${url.replace('http', 'ws')}ws`, { authorization: `Bearer ${terminal.access.bearerToken()}` });
      const client = new CoreClient(link);
      const connected = new Promise((resolve) => link.onConnection(resolve));
      startScreenSync(link, client);
      await connected;
      const snapshotRequests = (): number => link.requests.filter((name) => name === 'snapshot').length;
      try {
        await waitUntilDrained(terminal, records.length, 180_000, true);
        // The last delta is the one the screen holds: nothing is still being coalesced.
        const truth = await snapshotOf(terminal);
        await waitFor('the last delta', () => useTickets.getState().seq === truth.seq, 5_000);
        // One snapshot when the screen connected; any more would mean a gap in the deltas.
        const gaps = snapshotRequests() - 1;
        const deltaTimes = link.received.filter((event) => event.name === 'delta').map((event) => event.at);

        const perSecond = new Map<number, number>();
        for (const time of deltaTimes) perSecond.set(Math.floor(time / 1000), (perSecond.get(Math.floor(time / 1000)) ?? 0) + 1);
        const busiest = Math.max(...perSecond.values());
        console.log(
          `backlog: ${records.length} events, ${deltaTimes.length} deltas over ${perSecond.size} s, busiest second ${busiest} deltas`,
        );
        expect(busiest).toBeLessThanOrEqual(30);
        expect(gaps).toBe(0);

        const screen = useTickets.getState().tickets;
        expect(Object.keys(screen).length).toBe(truth.tickets.length);
        expect(truth.tickets.length).toBeGreaterThan(100);
        for (const ticket of truth.tickets) expect(screen[ticket.orderId]).toEqual(ticket);
      } finally {
        link.close();
        await host.stop();
        await terminal.stop();
      }
    },
  );
});
