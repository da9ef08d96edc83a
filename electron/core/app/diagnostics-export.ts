import { parse, resolve } from 'node:path';
import type { KdsConfig } from '../../../shared/config';

/** What stands for the data folder's path in an export. */
export const DATA_FOLDER = '<data folder>';

/**
 * The configuration as a support export shows it: everything that helps find a problem, no
 * secret — the Kafka and schema registry passwords and the diagnostics PIN are replaced by whether they are set —
 * and no path of this machine (any paired screen may export: where the terminal keeps its
 * secret and database is not its business; support asks whoever runs the machine).
 */
export function redactedConfig(config: KdsConfig): unknown {
  const { diagnosticsPin, kafka, web, schemaRegistry, ...rest } = config;
  const { sasl, caFile, ...connection } = kafka;
  const { tls, ...host } = web;
  return {
    ...rest,
    dataDir: DATA_FOLDER,
    kafka: {
      ...connection,
      ...(caFile ? { caFile: '(set)' } : {}),
      ...(sasl ? { sasl: { mechanism: sasl.mechanism, username: sasl.username, password: '(set)' } } : {}),
    },
    ...(schemaRegistry
      ? {
          schemaRegistry: {
            url: schemaRegistry.url,
            ...(schemaRegistry.auth ? { auth: { username: schemaRegistry.auth.username, password: '(set)' } } : {}),
          },
        }
      : {}),
    web: { ...host, ...(tls ? { tls: 'selfSigned' in tls ? tls : { certFile: '(set)', keyFile: '(set)' } } : {}) },
    diagnosticsPin: diagnosticsPin ? '(set)' : '(not set)',
  };
}

/** An export with the data folder's path replaced wherever it appears (log lines, notices such as a database kept aside). */
export function withoutDataFolder<T>(exported: T, dataDir: string): T {
  const absolute = resolve(dataDir);
  // The root folder as a data folder would turn every path into a mark; nothing to hide there anyway.
  if (absolute === parse(absolute).root) return exported;
  const asInJson = JSON.stringify(absolute)
    .slice(1, -1)
    .replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  // The folder itself, not a sibling that starts with its name (`/srv/kds/data` in `/srv/kds/database`).
  const folder = new RegExp(`${asInJson}(?![\\w-]|\\.\\w)`, 'g');
  return JSON.parse(JSON.stringify(exported).replace(folder, DATA_FOLDER)) as T;
}
