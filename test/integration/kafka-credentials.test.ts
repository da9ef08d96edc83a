import { afterEach, describe, expect, it } from 'vitest';
import { startTerminal, type Terminal } from '../../electron/core/app/terminal';
import type { KdsConfig, KdsConfigInput } from '../../shared/config';
import { createTopics, freshEnv, testConfig, waitFor } from '../support/core-harness';
import { testBootstrap, testKafka, testSecureListener } from '../support/kafka';
import { readTopicWithKcat } from '../support/kcat';
import { act, grillAndFryOrder, kitchenEventsOf, produceOrders, snapshotOf } from '../support/kitchen-fixtures';

const running: Terminal[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((terminal) => terminal.stop()));
});

/** A terminal of a fresh environment on the broker's SASL_SSL listener, its log lines kept. */
async function secureTerminal(kafka: Partial<KdsConfigInput['kafka']>): Promise<{ terminal: Terminal; config: KdsConfig; logs: string[] }> {
  const secure = testSecureListener();
  const config = testConfig(secure.bootstrap, {
    env: freshEnv(),
    kafka: {
      brokers: [secure.bootstrap],
      ssl: true,
      caFile: secure.caFile,
      sasl: { mechanism: 'scram-sha-512', username: secure.username, password: secure.password },
      sessionTimeoutMs: 6_000,
      ...kafka,
    },
  });
  await createTopics(testKafka(), config, 1);
  const logs: string[] = [];
  const terminal = startTerminal(config, { log: (level, message) => void logs.push(`${level} ${message}`) });
  running.push(terminal);
  return { terminal, config, logs };
}

describe('Kafka as managed services run it: SASL SCRAM-SHA-512 over TLS with a private CA', () => {
  it('consumes orders and publishes a bump through the secure listener; the password is in no log and no status', async () => {
    const secure = testSecureListener();
    const { terminal, config, logs } = await secureTerminal({});
    await produceOrders(testKafka(), config.topics.orders, [grillAndFryOrder('ord-s1')]);
    await waitFor('the ticket', () => terminal.status().counters['records.applied'] === 1, 30_000);
    expect((await snapshotOf(terminal)).tickets.map((ticket) => ticket.orderId)).toEqual(['ord-s1']);

    await act(terminal, { type: 'BUMP', orderId: 'ord-s1' });
    await waitFor('the bump on its topic', () => terminal.status().outbox.pending === 0, 30_000);
    const published = kitchenEventsOf(await readTopicWithKcat(testBootstrap(), config.topics.kitchenEvents));
    // Expo's bump, and the ready signal it gives the platform (published by the terminal after reading its bump back).
    expect(published.map((event) => [event.type, event.orderId])).toEqual([
      ['TICKET_BUMPED', 'ord-s1'],
      ['ORDER_READY', 'ord-s1'],
    ]);
    expect(terminal.status().connection.state).toBe('online');

    // "Test connection" through the same listener: the cluster that answered and both topics.
    const tested = await terminal.api.testConnection({});
    if (!tested.ok) throw new Error(tested.error);
    expect(tested.value).toMatchObject({ brokers: 1, expectedClusterId: null });
    expect(tested.value.topics).toEqual([
      { name: config.topics.orders, partitions: 1 },
      { name: config.topics.kitchenEvents, partitions: 1 },
    ]);
    const exported = await terminal.api.diagnosticsExport({});
    if (!exported.ok) throw new Error(exported.error);
    expect(exported.value.config).toMatchObject({ kafka: { sasl: { username: secure.username, password: '(set)' } } });
    expect(exported.value.log.length).toBeGreaterThan(0);
    const everything = [...logs, JSON.stringify(terminal.status()), JSON.stringify(exported.value)].join('\n');
    expect(everything).not.toContain(secure.password);
  });

  it('a wrong password: the status says the credentials were refused (naming the user, never a password)', async () => {
    const secure = testSecureListener();
    const { terminal, logs } = await secureTerminal({
      sasl: { mechanism: 'scram-sha-512', username: secure.username, password: 'not-the-password-9f2c' },
    });
    const connection = await waitFor('the refusal', () => {
      const current = terminal.status().connection;
      return current.reason === 'credentials' && current;
    });
    expect(connection.state).toBe('offline');
    expect(connection.detail).toBe("Kafka refused this terminal's credentials (SASL SCRAM-SHA-512 as kds): check kafka.sasl");
    expect(await terminal.api.testConnection({})).toEqual({ ok: false, error: connection.detail });
    expect([...logs, JSON.stringify(terminal.status())].join('\n')).not.toContain('not-the-password-9f2c');
  });

  it('a broker certificate from a CA the terminal does not trust: the status names the certificate and what to set', async () => {
    const { terminal } = await secureTerminal({ caFile: undefined });
    const connection = await waitFor('the refusal', () => {
      const current = terminal.status().connection;
      return current.reason === 'certificate' && current;
    });
    expect(connection.detail).toMatch(
      /^the broker's TLS certificate is not trusted \(self-signed certificate in certificate chain\): set kafka\.caFile/,
    );
  });
});
