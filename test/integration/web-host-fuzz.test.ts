import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { fuzzWebHost } from '../../scripts/fuzz/web-fuzz';
import { createTopics, testConfig, waitFor } from '../support/core-harness';
import { placedOrder } from '../support/events';
import { startHostedTerminal } from '../support/hosted-terminal';
import { testBootstrap, testKafka } from '../support/kafka';
import { produceOrders, snapshotOf } from '../support/kitchen-fixtures';

// The CI-sized run; `npm run fuzz` runs 10,000 and more (RELIABILITY.md).
const INPUTS = 1500;

describe('the web host under malformed and hostile input (seeded fuzz, real terminal)', () => {
  it(
    `${INPUTS} malformed requests, frames and commands: the host lives, the screen is unchanged, every bad command is refused`,
    { timeout: 120_000 },
    async () => {
      const config = testConfig(testBootstrap());
      const kafka = testKafka();
      await createTopics(kafka, config, 1);
      const hosted = await startHostedTerminal(config);
      try {
        await produceOrders(kafka, config.topics.orders, [placedOrder('f1', { occurredAt: new Date().toISOString() })]);
        await waitFor('the order', () => hosted.terminal.status().counters['records.applied'] === 1, 30_000);
        const before = await snapshotOf(hosted.terminal);

        const stats = await fuzzWebHost(hosted.url, INPUTS, 20261123, hosted.terminal.access.bearerToken());
        console.log(
          `web fuzz: ${stats.http} HTTP requests, ${stats.frames} frames, ${stats.commands} commands, ${stats.commandErrors} refused`,
        );

        expect(stats.commandSurprises).toEqual([]);
        expect(stats.commandErrors).toBe(stats.commands);
        expect(stats.commands).toBeGreaterThan(INPUTS / 6);
        const alive = await fetch(`${hosted.url}api/status`, { headers: hosted.authorization });
        expect(alive.status).toBe(200);
        const after = await snapshotOf(hosted.terminal);
        expect({ seq: after.seq, tickets: after.tickets }).toEqual({ seq: before.seq, tickets: before.tickets });
      } finally {
        await hosted.stop();
      }
    },
  );

  it('a forged Host (DNS rebinding) and another origin are refused; the host itself is served', async () => {
    const config = testConfig(testBootstrap());
    await createTopics(testKafka(), config, 1);
    const hosted = await startHostedTerminal(config);
    try {
      const port = new URL(hosted.url).port;
      // node:http, because fetch will not send a Host header of its own choosing.
      const get = (headers: Record<string, string>, path = '/api/snapshot') =>
        new Promise<number>((resolve, reject) => {
          request({ host: '127.0.0.1', port, path, headers: { ...hosted.authorization, ...headers } }, (response) => {
            response.resume();
            resolve(response.statusCode ?? 0);
          })
            .on('error', reject)
            .end();
        });
      expect(await get({})).toBe(200);
      expect(await get({ host: 'attacker.example' })).toBe(403);
      expect(await get({ origin: 'http://127.0.0.1:1' })).toBe(403);
      expect(await get({ origin: `http://localhost:${port}` })).toBe(200);
      expect(await get({}, '/%E0%A4%A')).toBe(400);
      expect((await fetch(`${hosted.url}api/status`, { headers: hosted.authorization })).status).toBe(200);
      expect((await fetch(`${hosted.url}api/status`)).status).toBe(401);
    } finally {
      await hosted.stop();
    }
  });
});
