import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { configurationWarnings } from '../app/terminal-status';
import { ConfigError, loadConfig, parseConfig } from './load-config';

const minimal = { env: 'prod', merchantId: 'm-42', terminalId: 'grill-1', kafka: { brokers: ['127.0.0.1:9092'] }, dataDir: '/var/lib/kds' };

describe('configuration', () => {
  it('fills defaults: topics from env, 7 retry attempts, 1 MiB records, 12 h look-back', () => {
    const config = parseConfig(minimal, {});
    expect(config.routing).toBe('filter');
    expect(config.topics).toEqual({
      orders: 'prod.orders',
      kitchenEvents: 'prod.kitchen-events',
      routingTable: 'prod.kds-routing',
      health: 'prod.kds-terminal-health',
    });
    expect(config.retry.maxAttempts).toBe(7);
    expect(config.maxRecordBytes).toBe(1024 * 1024);
    expect(config.startFromMinutes).toBe(720);
  });

  it('routed mode reads the merchant-keyed topics unless topics are named', () => {
    expect(parseConfig({ ...minimal, routing: 'routed' }, {}).topics).toEqual({
      orders: 'prod.kds-orders',
      kitchenEvents: 'prod.kds-kitchen-events',
      routingTable: 'prod.kds-routing',
      health: 'prod.kds-terminal-health',
    });
    expect(parseConfig({ ...minimal, routing: 'routed', topics: { orders: 'prod.orders-by-merchant' } }, {}).topics.orders).toBe(
      'prod.orders-by-merchant',
    );
    expect(() => parseConfig({ ...minimal, routing: 'sharded' }, {})).toThrow(/routing/);
    expect(() => parseConfig({ ...minimal, topics: { order: 'prod.orders' } }, {})).toThrow(/order/);
  });

  it('environment variables override the file', () => {
    const config = parseConfig(minimal, {
      KDS_ENV: 'staging',
      KDS_KAFKA_BROKERS: 'a:1, b:2',
      KDS_GAP_TIMEOUT_MS: '5000',
      KDS_KAFKA_SASL_MECHANISM: 'scram-sha-512',
      KDS_KAFKA_SASL_USERNAME: 'u',
      KDS_KAFKA_SASL_PASSWORD: 'p',
    });
    expect(config.env).toBe('staging');
    expect(config.topics.orders).toBe('staging.orders');
    expect(config.kafka.brokers).toEqual(['a:1', 'b:2']);
    expect(config.gapTimeoutMs).toBe(5000);
    expect(config.kafka.sasl).toEqual({ mechanism: 'scram-sha-512', username: 'u', password: 'p' });
  });

  it('names the bad field and what was expected', () => {
    expect(() => parseConfig({ ...minimal, kafka: { brokers: ['no-port'] } }, {})).toThrow(/kafka\.brokers\.0: .*host:port/);
    expect(() => parseConfig({ ...minimal, merchantId: undefined }, {})).toThrow(/merchantId/);
    expect(() => parseConfig({ ...minimal, gapTimout: 5 }, {})).toThrow(/gapTimout/);
    expect(() => parseConfig(minimal, { KDS_GAP_TIMEOUT_MS: 'soon' })).toThrow('KDS_GAP_TIMEOUT_MS: expected a number, got "soon"');
    expect(() => parseConfig(minimal, { KDS_KAFKA_SSL: 'yes' })).toThrow(ConfigError);
  });

  it('reads a file, resolving a relative dataDir next to it, and explains unreadable or invalid files', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kds-config-'));
    writeFileSync(join(dir, 'kds.json'), JSON.stringify({ ...minimal, dataDir: 'data' }));
    expect(loadConfig(join(dir, 'kds.json'), {}).dataDir).toBe(join(dir, 'data'));
    writeFileSync(join(dir, 'broken.json'), '{ "env": ');
    expect(() => loadConfig(join(dir, 'broken.json'), {})).toThrow(/is not valid JSON/);
    expect(() => loadConfig(join(dir, 'missing.json'), {})).toThrow(/cannot read the configuration file/);
  });
});

describe('configuration errors keep secrets secret', () => {
  it('a JSON syntax error says where, never what the file holds', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kds-config-'));
    const file = join(dir, 'kds.json');
    writeFileSync(file, '{\n  "kafka": { "sasl": { "password": "hunter2-secret" }\n  "env": "prod"\n}\n');
    let message = '';
    try {
      loadConfig(file, {});
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain('is not valid JSON at line 3');
    expect(message).not.toContain('hunter2');
    // JavaScript's own message would quote this one: "Unexpected token 'p', "password=hunter2" is not valid JSON".
    writeFileSync(file, 'password=hunter2-secret\n');
    expect(() => loadConfig(file, {})).toThrow(/is not valid JSON/);
    expect(() => loadConfig(file, {})).not.toThrow(/hunter2/);
  });
});

describe('Kafka credentials', () => {
  const withSasl = (sasl: object, kafka: object = {}) => ({ ...minimal, kafka: { brokers: ['b:9093'], ssl: true, sasl, ...kafka } });
  const secretDir = () => mkdtempSync(join(tmpdir(), 'kds-secret-'));

  it('reads the password from a file only its owner may read', () => {
    const dir = secretDir();
    writeFileSync(join(dir, 'kafka-password'), 'from-a-file\n', { mode: 0o600 });
    const config = parseConfig(
      withSasl({ mechanism: 'scram-sha-512', username: 'kds', passwordFile: 'kafka-password' }),
      {},
      { baseDir: dir },
    );
    expect(config.kafka.sasl).toEqual({ mechanism: 'scram-sha-512', username: 'kds', password: 'from-a-file' });
    chmodSync(join(dir, 'kafka-password'), 0o644);
    expect(() =>
      parseConfig(withSasl({ mechanism: 'scram-sha-512', username: 'kds', passwordFile: 'kafka-password' }), {}, { baseDir: dir }),
    ).toThrow(/kafka\.sasl\.passwordFile: .* may be read by other users of this machine; run chmod 600/);
  });

  it('refuses a password in a configuration file that others may read, naming the remedies and not the password', () => {
    const dir = secretDir();
    const file = join(dir, 'kds.json');
    writeFileSync(file, JSON.stringify(withSasl({ mechanism: 'scram-sha-512', username: 'kds', password: 'hunter2-secret' })), {
      mode: 0o644,
    });
    chmodSync(file, 0o644);
    let message = '';
    try {
      loadConfig(file, {});
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/kafka\.sasl\.password: .*passwordFile .*KDS_KAFKA_SASL_PASSWORD/);
    expect(message).not.toContain('hunter2');
    chmodSync(file, 0o600);
    expect(loadConfig(file, {}).kafka.sasl?.password).toBe('hunter2-secret');
  });

  it('an environment password wins over a password file', () => {
    const config = parseConfig(withSasl({ mechanism: 'scram-sha-512', username: 'kds', passwordFile: '/nowhere' }), {
      KDS_KAFKA_SASL_PASSWORD: 'env',
    });
    expect(config.kafka.sasl?.password).toBe('env');
  });

  it('refuses SASL PLAIN without TLS unless knowingly allowed, and then warns on screen', () => {
    const plain = { mechanism: 'plain', username: 'kds', password: 'p' };
    expect(() => parseConfig(withSasl(plain, { ssl: false }), {})).toThrow(/kafka\.sasl\.mechanism: SASL PLAIN without TLS/);
    const allowed = parseConfig(withSasl(plain, { ssl: false, allowPlaintextSasl: true }), {});
    expect(configurationWarnings(allowed)).toEqual([expect.stringMatching(/password is sent unencrypted/)]);
    expect(configurationWarnings(parseConfig(withSasl(plain), {}))).toEqual([]);
  });

  it('a CA file needs TLS and is taken relative to the configuration', () => {
    expect(() => parseConfig({ ...minimal, kafka: { brokers: ['b:1'], caFile: 'ca.pem' } }, {})).toThrow(
      /kafka\.caFile: caFile needs kafka\.ssl/,
    );
    expect(
      parseConfig({ ...minimal, kafka: { brokers: ['b:1'], ssl: true, caFile: 'ca.pem' } }, {}, { baseDir: '/etc/kds' }).kafka.caFile,
    ).toBe('/etc/kds/ca.pem');
  });
});

describe('schema registry', () => {
  const withRegistry = (schemaRegistry: object) => ({ ...minimal, schemaRegistry });
  const secretDir = () => mkdtempSync(join(tmpdir(), 'kds-secret-'));
  const url = 'http://registry.local:8080/apis/ccompat/v7';

  it('absent: the terminal reads JSON only', () => {
    expect(parseConfig(minimal, {}).schemaRegistry).toBeUndefined();
  });

  it('a URL alone, or with basic auth whose password comes from an owner-only file or the environment', () => {
    expect(parseConfig(withRegistry({ url }), {}).schemaRegistry).toEqual({ url });
    const dir = secretDir();
    writeFileSync(join(dir, 'registry-password'), 'from-a-file\n', { mode: 0o600 });
    const fromFile = parseConfig(withRegistry({ url, username: 'kds', passwordFile: 'registry-password' }), {}, { baseDir: dir });
    expect(fromFile.schemaRegistry).toEqual({ url, auth: { username: 'kds', password: 'from-a-file' } });
    chmodSync(join(dir, 'registry-password'), 0o644);
    expect(() => parseConfig(withRegistry({ url, username: 'kds', passwordFile: 'registry-password' }), {}, { baseDir: dir })).toThrow(
      /schemaRegistry\.passwordFile: .* may be read by other users of this machine; run chmod 600/,
    );
    const fromEnv = parseConfig(withRegistry({ url, username: 'kds', passwordFile: '/nowhere' }), { KDS_SCHEMA_REGISTRY_PASSWORD: 'env' });
    expect(fromEnv.schemaRegistry?.auth?.password).toBe('env');
    expect(parseConfig(minimal, { KDS_SCHEMA_REGISTRY_URL: url }).schemaRegistry).toEqual({ url });
  });

  it('refuses a password in a configuration file others may read, without quoting it; and says what is wrong with the rest', () => {
    const dir = secretDir();
    const file = join(dir, 'kds.json');
    writeFileSync(file, JSON.stringify(withRegistry({ url, username: 'kds', password: 'hunter2-secret' })), { mode: 0o644 });
    chmodSync(file, 0o644);
    expect(() => loadConfig(file, {})).toThrow(/schemaRegistry\.password: .*passwordFile .*KDS_SCHEMA_REGISTRY_PASSWORD/);
    expect(() => loadConfig(file, {})).not.toThrow(/hunter2/);
    chmodSync(file, 0o600);
    expect(loadConfig(file, {}).schemaRegistry?.auth).toEqual({ username: 'kds', password: 'hunter2-secret' });
    expect(() => parseConfig(withRegistry({ url: 'ftp://registry' }), {})).toThrow(/schemaRegistry\.url/);
    expect(() => parseConfig(withRegistry({ url: 'http://kds:pw@registry/apis' }), {})).toThrow(/not in the URL/);
    expect(() => parseConfig(withRegistry({ url, username: 'kds' }), {})).toThrow(/schemaRegistry\.username: basic auth needs exactly one/);
    expect(() => parseConfig(withRegistry({ url, password: 'p' }), {})).toThrow(/schemaRegistry\.password: a password needs a username/);
    expect(() => parseConfig({ ...minimal, kitchenEventFormat: 'avro' }, {})).toThrow(/kitchenEventFormat: avro needs a schema registry/);
    expect(parseConfig({ ...withRegistry({ url }), kitchenEventFormat: 'avro' }, {}).kitchenEventFormat).toBe('avro');
  });
});
