import { describe, expect, it } from 'vitest';
import { blankSettings, settingsFieldErrors, type TerminalSettings } from './settings';

const settings = (overrides: Partial<TerminalSettings> = {}): TerminalSettings => ({
  ...blankSettings,
  merchantId: 'm-7',
  terminalId: 'grill-2',
  brokers: ['kafka-1.example:9093'],
  ...overrides,
});

describe('the schema registry fields of the settings form', () => {
  it('takes an http(s) registry with or without basic auth, or none', () => {
    expect(settingsFieldErrors(settings())).toEqual({});
    expect(settingsFieldErrors(settings({ registryUrl: 'http://registry:8081' }))).toEqual({});
    expect(
      settingsFieldErrors(
        settings({
          registryUrl: ' https://registry.example/apis/ccompat/v7 ',
          registryUsername: 'kds',
          registryPassword: 's3cret',
          kitchenEventFormat: 'avro',
        }),
      ),
    ).toEqual({});
  });

  it('says what is wrong with the URL', () => {
    for (const registryUrl of ['registry.example:8081', 'ftp://registry.example', 'http://', 'https:// registry']) {
      expect(settingsFieldErrors(settings({ registryUrl }))).toEqual({
        registryUrl: 'the registry URL must be http(s)://host[:port][/path]',
      });
    }
    expect(settingsFieldErrors(settings({ registryUrl: 'https://kds:pw@registry.example' }))).toEqual({
      registryUrl: 'credentials go in Username and Password, not in the URL',
    });
  });

  it('Avro kitchen events need a registry; a password needs a username', () => {
    expect(settingsFieldErrors(settings({ kitchenEventFormat: 'avro' }))).toEqual({
      kitchenEventFormat: 'Avro kitchen events need a schema registry',
    });
    expect(settingsFieldErrors(settings({ registryUrl: 'http://registry:8081', registryPassword: 's3cret' }))).toEqual({
      registryPassword: 'a password needs a username',
    });
    // No registry: its username and password are not kept, nor checked.
    expect(settingsFieldErrors(settings({ registryUsername: 'kds', registryPassword: 's3cret' }))).toEqual({});
    expect(settingsFieldErrors(settings({ kitchenEventFormat: 'xml' as never }))).toHaveProperty('kitchenEventFormat');
  });
});
