import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { startTerminal } from '../../electron/core/app/terminal';
import { terminalHealthSchema, type TerminalHealth } from '../../shared/terminal-health';
import { createTopics, testConfig, waitForAsync } from '../support/core-harness';
import { testBootstrap, testKafka } from '../support/kafka';
import { MERCHANT_HEADER } from '../../shared/order-events';

const kcatRecord = z.object({ key: z.string().nullable(), payload: z.string().nullable(), headers: z.array(z.string()).optional() });

/** The health topic as the platform reads it: every record, with its key and headers (kcat, a client independent of the terminal's). */
async function healthRecords(topic: string): Promise<{ key: string | null; headers: string[]; health: TerminalHealth }[]> {
  const { stdout } = await promisify(execFile)('kcat', ['-C', '-b', testBootstrap(), '-t', topic, '-o', 'beginning', '-e', '-q', '-J'], {
    maxBuffer: 16 * 1024 * 1024,
  }).catch(() => ({ stdout: '' }));
  return stdout
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => kcatRecord.parse(JSON.parse(line)))
    .map((record) => ({
      key: record.key,
      headers: record.headers ?? [],
      health: terminalHealthSchema.parse(JSON.parse(record.payload ?? 'null')),
    }));
}

describe('terminal health for the fleet', () => {
  it(
    'reports on start, at once on a dead letter (not at the 30 s interval), stopped on a clean stop — and nothing secret',
    { timeout: 120_000 },
    async () => {
      const config = testConfig(testBootstrap(), { diagnosticsPin: '493817' });
      await createTopics(testKafka(), config, 3);
      // The platform's topic (the fleet service creates it likewise): compacted, the last record per terminal.
      const admin = testKafka().admin();
      await admin.connect();
      await admin.createTopics({
        waitForLeaders: true,
        topics: [{ topic: config.topics.health, numPartitions: 3, configEntries: [{ name: 'cleanup.policy', value: 'compact' }] }],
      });
      await admin.disconnect();
      const terminal = startTerminal(config, { log: () => undefined });
      try {
        const first = await waitForAsync(
          'a running, online health record',
          async () => (await healthRecords(config.topics.health)).find((r) => r.health.connection.state === 'online'),
          40_000,
        );
        expect(first.key).toBe('m-1/grill-1');
        expect(first.headers).toEqual(expect.arrayContaining([MERCHANT_HEADER, 'm-1']));
        expect(first.health).toMatchObject({ state: 'running', mode: 'filter', deadLetters: { count: 0 } });

        const producer = testKafka().producer();
        await producer.connect();
        const sentAt = Date.now();
        await producer.send({
          topic: config.topics.orders,
          messages: [{ key: 'o-bad', value: '{"type":"ORDER_CREATED", not json', headers: { [MERCHANT_HEADER]: 'm-1' } }],
        });
        await producer.disconnect();
        const dead = await waitForAsync(
          'a health record with the dead letter',
          async () => (await healthRecords(config.topics.health)).find((r) => r.health.deadLetters.count >= 1),
          25_000,
        );
        expect(Date.now() - sentAt).toBeLessThan(20_000);
        expect(dead.health.deadLetters.lastReason).toBe('MALFORMED_JSON');
      } finally {
        await terminal.stop();
      }
      const all = await healthRecords(config.topics.health);
      expect(all.at(-1)?.health.state).toBe('stopped');
      const text = all.map((r) => JSON.stringify(r.health)).join('\n');
      for (const secret of ['493817', 'not json', 'o-bad', config.dataDir, testBootstrap()]) expect(text).not.toContain(secret);
    },
  );
});
