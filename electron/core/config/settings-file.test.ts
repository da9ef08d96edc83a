import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { blankSettings, settingsFieldErrors, type TerminalSettings } from '../../../shared/settings';
import { loadConfig } from './load-config';
import type { SecretSealer } from './secret-sealer';
import { openSealedSecrets } from './secret-sealer';
import {
  hasStoredRegistryPassword,
  mergeSettings,
  PASSWORD_FILE_NAME,
  REGISTRY_PASSWORD_FILE_NAME,
  sealPassword,
  settingsFromConfig,
  writeConfigFile,
} from './settings-file';

const settings = (overrides: Partial<TerminalSettings> = {}): TerminalSettings => ({
  ...blankSettings,
  merchantId: 'm-7',
  terminalId: 'grill-2',
  env: 'prod',
  brokers: ['kafka-1.example:9093'],
  stations: ['grill'],
  newPin: '2468',
  ...overrides,
});

/** A stand-in for the OS key store: reversible, and visibly not the plain text. */
const reversingSealer: SecretSealer = {
  seal: async (secret) => Buffer.from([...secret].reverse().join('')).toString('base64'),
  open: async (sealed) => [...Buffer.from(sealed, 'base64').toString()].reverse().join(''),
};

const folder = () => mkdtempSync(join(tmpdir(), 'kds-settings-'));

describe('the settings screens write the configuration file', () => {
  it('merges the settings and keeps everything else in the file (data folder, web host, retention)', () => {
    const raw = {
      env: 'dev',
      merchantId: 'm-1',
      terminalId: 'expo-1',
      dataDir: '/var/lib/kds',
      web: { host: '0.0.0.0', port: 8443, tls: { selfSigned: true } },
      retention: { closedOrderDays: 3 },
      kafka: { brokers: ['old:9092'], caFile: 'ca.pem', ssl: true, sessionTimeoutMs: 20_000 },
      expectedClusterId: 'old-cluster',
      screen: { warnMinutes: 4, lateMinutes: 9 },
    };
    const merged = mergeSettings(raw, settings({ warnMinutes: 6, lateMinutes: 12, sound: false }), { dataDir: '/unused' });
    expect(merged).toMatchObject({
      env: 'prod',
      merchantId: 'm-7',
      terminalId: 'grill-2',
      stations: ['grill'],
      dataDir: '/var/lib/kds',
      web: raw.web,
      retention: raw.retention,
      kafka: { brokers: ['kafka-1.example:9093'], ssl: false, sessionTimeoutMs: 20_000 },
      screen: { warnMinutes: 6, lateMinutes: 12, sound: false },
      diagnosticsPin: '2468',
    });
    // Emptied in the form: gone from the file, not kept as an empty string.
    expect(merged).not.toHaveProperty('expectedClusterId');
    expect(merged.kafka).not.toHaveProperty('caFile');
    expect(mergeSettings({}, settings(), { dataDir: '/srv/kds' }).dataDir).toBe('/srv/kds');
  });

  it('keeps the stored password when none is typed, replaces it when one is, drops SASL when switched off', () => {
    const raw = { kafka: { brokers: ['b:1'], sasl: { mechanism: 'plain', username: 'old', passwordFile: 'pw' } } };
    const kept = mergeSettings(raw, settings({ tls: true, saslMechanism: 'scram-sha-512', saslUsername: ' kds ' }), { dataDir: 'd' });
    expect(kept.kafka).toMatchObject({ sasl: { mechanism: 'scram-sha-512', username: 'kds', passwordFile: 'pw' } });
    const typed = mergeSettings(raw, settings({ saslMechanism: 'scram-sha-256', saslUsername: 'kds', saslPassword: 's3cret' }), {
      dataDir: 'd',
    });
    expect(typed.kafka).toMatchObject({ sasl: { mechanism: 'scram-sha-256', username: 'kds', password: 's3cret' } });
    expect((typed.kafka as { sasl: object }).sasl).not.toHaveProperty('passwordFile');
    expect(mergeSettings(raw, settings(), { dataDir: 'd' }).kafka).not.toHaveProperty('sasl');
  });

  it('seals a typed password with the key store: the file never holds it, and the loader opens it', async () => {
    const dir = folder();
    const file = join(dir, 'kds.json');
    const merged = mergeSettings({}, settings({ saslMechanism: 'scram-sha-512', saslUsername: 'kds', saslPassword: 's3cret!' }), {
      dataDir: join(dir, 'data'),
    });
    writeConfigFile(file, await sealPassword(merged, file, reversingSealer));
    const text = readFileSync(file, 'utf8');
    expect(text).not.toContain('s3cret!');
    expect(text).toContain('passwordSealed');
    expect(statSync(file).mode & 0o777).toBe(0o600);

    const raw: unknown = JSON.parse(text);
    expect(loadConfig(file, {}, await openSealedSecrets(raw, reversingSealer)).kafka.sasl?.password).toBe('s3cret!');
    expect(() => loadConfig(file, {})).toThrow(
      /only the desktop app that sealed this password can read it; elsewhere use kafka.sasl.passwordFile/,
    );
    const otherMachine: SecretSealer = { ...reversingSealer, open: () => Promise.reject(new Error('no key')) };
    expect(() => loadConfig(file, {}, new Map())).toThrow(/cannot open the stored password .* type the password again in Settings/);
    expect((await openSealedSecrets(raw, otherMachine)).size).toBe(0);
  });

  it('without a key store, keeps a typed password in an owner-only file beside the configuration', async () => {
    const dir = folder();
    const file = join(dir, 'kds.json');
    const merged = mergeSettings({}, settings({ saslMechanism: 'scram-sha-512', saslUsername: 'kds', saslPassword: 's3cret!' }), {
      dataDir: join(dir, 'data'),
    });
    writeConfigFile(file, await sealPassword(merged, file, undefined));
    expect(readFileSync(file, 'utf8')).not.toContain('s3cret!');
    expect(statSync(join(dir, PASSWORD_FILE_NAME)).mode & 0o777).toBe(0o600);
    const config = loadConfig(file, {});
    expect(config.kafka.sasl?.password).toBe('s3cret!');
    // What the screen is shown of it: everything but the secrets.
    expect(settingsFromConfig(config)).toEqual({ ...settings({ saslMechanism: 'scram-sha-512', saslUsername: 'kds' }), newPin: '' });
  });
});

describe('the schema registry set at the screen, its password kept as the Kafka password is', () => {
  const url = 'https://registry.example:8081/apis/ccompat/v7';
  const withRegistry = (overrides: Partial<TerminalSettings> = {}) =>
    settings({ registryUrl: url, registryUsername: 'kds-reg', registryPassword: 'reg-s3cret!', kitchenEventFormat: 'avro', ...overrides });

  it('writes the registry section and the kitchen events format; keeps a stored password unless one is typed; drops what is emptied', () => {
    const raw = { kafka: { brokers: ['b:1'] }, schemaRegistry: { url: 'http://old:8081', username: 'old', passwordFile: 'reg-pw' } };
    const kept = mergeSettings(raw, withRegistry({ registryPassword: '' }), { dataDir: 'd' });
    expect(kept).toMatchObject({ kitchenEventFormat: 'avro', schemaRegistry: { url, username: 'kds-reg', passwordFile: 'reg-pw' } });
    expect(hasStoredRegistryPassword(kept)).toBe(true);
    const typed = mergeSettings(raw, withRegistry(), { dataDir: 'd' });
    expect(typed.schemaRegistry).toEqual({ url, username: 'kds-reg', password: 'reg-s3cret!' });
    // No username: no basic auth, and the stored password goes with it.
    expect(mergeSettings(raw, withRegistry({ registryUsername: ' ', registryPassword: '' }), { dataDir: 'd' }).schemaRegistry).toEqual({
      url,
    });
    const none = mergeSettings(raw, settings(), { dataDir: 'd' });
    expect(none).not.toHaveProperty('schemaRegistry');
    expect(none.kitchenEventFormat).toBe('json');
  });

  it('without a key store, keeps a typed registry password in an owner-only file, never in the configuration JSON', async () => {
    const dir = folder();
    const file = join(dir, 'kds.json');
    const merged = mergeSettings({}, withRegistry(), { dataDir: join(dir, 'data') });
    writeConfigFile(file, await sealPassword(merged, file, undefined));
    const text = readFileSync(file, 'utf8');
    expect(text).not.toContain('reg-s3cret!');
    expect(JSON.parse(text)).toMatchObject({
      kitchenEventFormat: 'avro',
      schemaRegistry: { url, username: 'kds-reg', passwordFile: REGISTRY_PASSWORD_FILE_NAME },
    });
    const passwordFile = join(dir, REGISTRY_PASSWORD_FILE_NAME);
    expect(readFileSync(passwordFile, 'utf8')).toBe('reg-s3cret!\n');
    expect(statSync(passwordFile).mode & 0o777).toBe(0o600);
    const config = loadConfig(file, {});
    expect(config.schemaRegistry).toEqual({ url, auth: { username: 'kds-reg', password: 'reg-s3cret!' } });
    expect(config.kitchenEventFormat).toBe('avro');
    // The screen is shown the registry and its username, never the password.
    expect(settingsFromConfig(config)).toEqual({ ...withRegistry({ registryPassword: '' }), newPin: '' });
  });

  it('seals both passwords with the key store, each opened by the loader', async () => {
    const dir = folder();
    const file = join(dir, 'kds.json');
    const merged = mergeSettings(
      {},
      withRegistry({ tls: true, saslMechanism: 'scram-sha-512', saslUsername: 'kds', saslPassword: 'kafka-s3cret!' }),
      { dataDir: join(dir, 'data') },
    );
    writeConfigFile(file, await sealPassword(merged, file, reversingSealer));
    const text = readFileSync(file, 'utf8');
    expect(text).not.toContain('reg-s3cret!');
    expect(text).not.toContain('kafka-s3cret!');
    const raw = JSON.parse(text) as { schemaRegistry: Record<string, unknown> };
    expect(Object.keys(raw.schemaRegistry).sort()).toEqual(['passwordSealed', 'url', 'username']);
    const config = loadConfig(file, {}, await openSealedSecrets(raw, reversingSealer));
    expect(config.schemaRegistry?.auth?.password).toBe('reg-s3cret!');
    expect(config.kafka.sasl?.password).toBe('kafka-s3cret!');
    expect(() => loadConfig(file, {}, new Map())).toThrow(/cannot open the stored password/);
  });

  it('a sealed registry password outside the desktop app: the loader names the field and what to use instead', async () => {
    const dir = folder();
    const file = join(dir, 'kds.json');
    writeConfigFile(file, await sealPassword(mergeSettings({}, withRegistry(), { dataDir: join(dir, 'data') }), file, reversingSealer));
    expect(() => loadConfig(file, {})).toThrow(
      /schemaRegistry\.passwordSealed: only the desktop app that sealed this password can read it; elsewhere use schemaRegistry\.passwordFile/,
    );
    // The environment's password replaces the sealed one.
    expect(loadConfig(file, { KDS_SCHEMA_REGISTRY_PASSWORD: 'from-env' }).schemaRegistry?.auth?.password).toBe('from-env');
  });
});

describe('the settings form says which field is wrong, as the staff type', () => {
  it('names each wrong field with what to do', () => {
    expect(settingsFieldErrors(settings())).toEqual({});
    expect(
      settingsFieldErrors(
        settings({ merchantId: '', brokers: ['kafka-1.example'], warnMinutes: 9, lateMinutes: 8, saslMechanism: 'plain', newPin: '12' }),
      ),
    ).toEqual({
      merchantId: expect.stringMatching(/letters, digits|too small|>=1/i),
      brokers: 'host:port',
      lateMinutes: 'must be more than the warning time',
      saslUsername: 'required with SASL',
      saslMechanism: 'PLAIN sends the password in clear: switch TLS on',
      newPin: expect.stringContaining('4 to 12 digits'),
    });
    expect(settingsFieldErrors(settings({ brokers: [] }))).toEqual({ brokers: 'give at least one broker (host:port)' });
    expect(settingsFieldErrors(settings({ caFile: '/etc/ca.pem' }))).toEqual({ caFile: 'a CA file needs TLS switched on' });
  });
});
