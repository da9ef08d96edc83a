import { describe, expect, it } from 'vitest';
import { parseConfig } from '../config/load-config';
import { redactedConfig, withoutDataFolder } from './diagnostics-export';

const config = (overrides: object = {}) =>
  parseConfig(
    {
      env: 'prod',
      merchantId: 'm-1',
      terminalId: 'grill-1',
      kafka: {
        brokers: ['kafka:9092'],
        ssl: true,
        caFile: '/etc/kds/ca.pem',
        sasl: { mechanism: 'scram-sha-512', username: 'kds', password: 'hunter2' },
      },
      dataDir: '/srv/kds/data',
      diagnosticsPin: '135790',
      web: { host: '0.0.0.0', tls: { certFile: '/etc/kds/web.pem', keyFile: '/etc/kds/web.key' } },
      ...overrides,
    },
    {},
  );

describe("a support export's configuration", () => {
  it('says whether secrets and files are set, never what or where they are', () => {
    const text = JSON.stringify(redactedConfig(config()));
    for (const hidden of ['hunter2', '135790', '/srv/kds', '/etc/kds']) expect(text).not.toContain(hidden);
    expect(redactedConfig(config())).toMatchObject({
      dataDir: '<data folder>',
      diagnosticsPin: '(set)',
      kafka: { caFile: '(set)', sasl: { mechanism: 'scram-sha-512', username: 'kds', password: '(set)' } },
      web: { host: '0.0.0.0', tls: { certFile: '(set)', keyFile: '(set)' } },
    });
  });

  it("the data folder's path is replaced wherever else it appears (log lines, notices)", () => {
    const exported = {
      log: ['the database was damaged (kept as /srv/kds/data/kds.db.damaged-1)', 'no space left in /srv/kds/data.'],
      status: { note: '/srv/kds/database' },
    };
    expect(withoutDataFolder(exported, '/srv/kds/data')).toEqual({
      log: ['the database was damaged (kept as <data folder>/kds.db.damaged-1)', 'no space left in <data folder>.'],
      status: { note: '/srv/kds/database' },
    });
    expect(withoutDataFolder(exported, '/'), 'a data folder at the root hides nothing rather than everything').toEqual(exported);
  });
});
