import { readFileSync, statSync } from 'node:fs';
import { isAbsolute, resolve, dirname } from 'node:path';
import { describeZodError } from '../../../shared/order-events';
import { kdsConfigSchema, resolveConfig, type KdsConfig } from '../../../shared/config';
import type { OpenedSecrets } from './secret-sealer';

export class ConfigError extends Error {
  override name = 'ConfigError';
}

type Json = Record<string, unknown>;

/** Environment variables that override the file, each mapped to the field it sets. */
const ENV_OVERRIDES: { variable: string; path: string[]; kind: 'string' | 'number' | 'boolean' | 'list' }[] = [
  { variable: 'KDS_ENV', path: ['env'], kind: 'string' },
  { variable: 'KDS_MERCHANT_ID', path: ['merchantId'], kind: 'string' },
  { variable: 'KDS_TERMINAL_ID', path: ['terminalId'], kind: 'string' },
  { variable: 'KDS_ROUTING', path: ['routing'], kind: 'string' },
  { variable: 'KDS_STATIONS', path: ['stations'], kind: 'list' },
  { variable: 'KDS_KAFKA_BROKERS', path: ['kafka', 'brokers'], kind: 'list' },
  { variable: 'KDS_KAFKA_CLIENT_ID', path: ['kafka', 'clientId'], kind: 'string' },
  { variable: 'KDS_KAFKA_SSL', path: ['kafka', 'ssl'], kind: 'boolean' },
  { variable: 'KDS_KAFKA_SASL_MECHANISM', path: ['kafka', 'sasl', 'mechanism'], kind: 'string' },
  { variable: 'KDS_KAFKA_SASL_USERNAME', path: ['kafka', 'sasl', 'username'], kind: 'string' },
  { variable: 'KDS_KAFKA_SASL_PASSWORD', path: ['kafka', 'sasl', 'password'], kind: 'string' },
  { variable: 'KDS_SCHEMA_REGISTRY_URL', path: ['schemaRegistry', 'url'], kind: 'string' },
  { variable: 'KDS_SCHEMA_REGISTRY_USERNAME', path: ['schemaRegistry', 'username'], kind: 'string' },
  { variable: 'KDS_SCHEMA_REGISTRY_PASSWORD', path: ['schemaRegistry', 'password'], kind: 'string' },
  { variable: 'KDS_ORDER_DETAIL_URL', path: ['orderDetailUrl'], kind: 'string' },
  { variable: 'KDS_GAP_TIMEOUT_MS', path: ['gapTimeoutMs'], kind: 'number' },
  { variable: 'KDS_START_FROM_MINUTES', path: ['startFromMinutes'], kind: 'number' },
  { variable: 'KDS_DATA_DIR', path: ['dataDir'], kind: 'string' },
  { variable: 'KDS_EXPECTED_CLUSTER_ID', path: ['expectedClusterId'], kind: 'string' },
  { variable: 'KDS_WEB_HOST', path: ['web', 'host'], kind: 'string' },
  { variable: 'KDS_WEB_PORT', path: ['web', 'port'], kind: 'number' },
  { variable: 'KDS_DIAGNOSTICS_PIN', path: ['diagnosticsPin'], kind: 'string' },
  { variable: 'KDS_KIOSK', path: ['desktop', 'kiosk'], kind: 'boolean' },
  { variable: 'KDS_FULLSCREEN', path: ['desktop', 'fullscreen'], kind: 'boolean' },
  { variable: 'KDS_START_AT_LOGIN', path: ['desktop', 'startAtLogin'], kind: 'boolean' },
];

function convert(variable: string, raw: string, kind: (typeof ENV_OVERRIDES)[number]['kind']): unknown {
  switch (kind) {
    case 'string':
      return raw;
    case 'list':
      return raw
        .split(',')
        .map((part) => part.trim())
        .filter(Boolean);
    case 'number': {
      const value = Number(raw);
      if (raw.trim() === '' || !Number.isFinite(value)) throw new ConfigError(`${variable}: expected a number, got "${raw}"`);
      return value;
    }
    case 'boolean':
      if (raw === 'true' || raw === '1') return true;
      if (raw === 'false' || raw === '0') return false;
      throw new ConfigError(`${variable}: expected true or false, got "${raw}"`);
  }
}

function setPath(target: Json, path: string[], value: unknown): void {
  let node = target;
  for (const key of path.slice(0, -1)) {
    const next = node[key];
    node[key] = typeof next === 'object' && next !== null && !Array.isArray(next) ? { ...(next as Json) } : {};
    node = node[key] as Json;
  }
  node[path[path.length - 1] as string] = value;
}

/** True where the file may be read by users other than its owner (POSIX modes; Windows uses ACLs, not checked here). */
export function openToOthers(file: string): boolean {
  return process.platform !== 'win32' && (statSync(file).mode & 0o077) !== 0;
}

function readPasswordFile(file: string, field = 'kafka.sasl.passwordFile'): string {
  let text: string;
  try {
    if (openToOthers(file)) {
      throw new ConfigError(`${field}: ${file} may be read by other users of this machine; run chmod 600 on it`);
    }
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    throw new ConfigError(`${field}: cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  const password = text.replace(/\r?\n$/, '');
  if (!password) throw new ConfigError(`${field}: ${file} is empty`);
  return password;
}

export interface ConfigSource {
  /** Where relative paths (dataDir, passwordFile) start. */
  baseDir?: string;
  /** The configuration file may be read by other users: a password in it is refused. */
  fileOpenToOthers?: boolean;
  /** Passwords the desktop app sealed (kafka.sasl and schemaRegistry passwordSealed), opened by its key store; absent outside it. */
  opened?: OpenedSecrets;
}

/** A password the desktop app sealed, opened already; `section` is where it is kept (kafka.sasl, schemaRegistry). */
function openedPassword(sealed: string, opened: OpenedSecrets | undefined, section = 'kafka.sasl'): string {
  if (!opened) {
    throw new ConfigError(
      `${section}.passwordSealed: only the desktop app that sealed this password can read it; elsewhere use ${section}.passwordFile`,
    );
  }
  const password = opened.get(sealed);
  if (password === undefined) {
    throw new ConfigError(
      `${section}.passwordSealed: this machine's key store cannot open the stored password (sealed for another user or machine): type the password again in Settings`,
    );
  }
  return password;
}

/** Validates an already-read object plus environment overrides; every problem names its field, never a value. */
export function parseConfig(raw: unknown, env: NodeJS.ProcessEnv = process.env, source: ConfigSource = {}): KdsConfig {
  const baseDir = source.baseDir ?? process.cwd();
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new ConfigError('the configuration must be a JSON object');
  const merged: Json = { ...(raw as Json) };
  for (const { variable, path, kind } of ENV_OVERRIDES) {
    const value = env[variable];
    if (value !== undefined) setPath(merged, path, convert(variable, value, kind));
  }
  const passwordFromEnvironment = env.KDS_KAFKA_SASL_PASSWORD !== undefined;
  if (passwordFromEnvironment) {
    setPath(merged, ['kafka', 'sasl', 'passwordFile'], undefined);
    setPath(merged, ['kafka', 'sasl', 'passwordSealed'], undefined);
  }
  const registryPasswordFromEnvironment = env.KDS_SCHEMA_REGISTRY_PASSWORD !== undefined;
  if (registryPasswordFromEnvironment) {
    setPath(merged, ['schemaRegistry', 'passwordFile'], undefined);
    setPath(merged, ['schemaRegistry', 'passwordSealed'], undefined);
  }
  const parsed = kdsConfigSchema.safeParse(merged);
  if (!parsed.success) throw new ConfigError(`invalid configuration: ${describeZodError(parsed.error)}`);
  const sasl = parsed.data.kafka.sasl;
  if (sasl?.password !== undefined && !passwordFromEnvironment && source.fileOpenToOthers) {
    throw new ConfigError(
      'kafka.sasl.password: the configuration file may be read by other users of this machine; move the password to kafka.sasl.passwordFile (mode 600) or KDS_KAFKA_SASL_PASSWORD, or run chmod 600 on the file',
    );
  }
  const password =
    sasl?.passwordFile !== undefined
      ? readPasswordFile(resolve(baseDir, sasl.passwordFile))
      : sasl?.passwordSealed !== undefined
        ? openedPassword(sasl.passwordSealed, source.opened)
        : sasl?.password;
  const registry = parsed.data.schemaRegistry;
  if (parsed.data.kitchenEventFormat === 'avro' && !registry) {
    throw new ConfigError('kitchenEventFormat: avro needs a schema registry (schemaRegistry.url)');
  }
  if (registry?.password !== undefined && !registryPasswordFromEnvironment && source.fileOpenToOthers) {
    throw new ConfigError(
      'schemaRegistry.password: the configuration file may be read by other users of this machine; move the password to schemaRegistry.passwordFile (mode 600) or KDS_SCHEMA_REGISTRY_PASSWORD, or run chmod 600 on the file',
    );
  }
  const registryPassword =
    registry?.passwordFile !== undefined
      ? readPasswordFile(resolve(baseDir, registry.passwordFile), 'schemaRegistry.passwordFile')
      : registry?.passwordSealed !== undefined
        ? openedPassword(registry.passwordSealed, source.opened, 'schemaRegistry')
        : registry?.password;
  const config = resolveConfig(parsed.data, password, registryPassword);
  const inBase = (path: string): string => (isAbsolute(path) ? path : resolve(baseDir, path));
  const tls = config.web.tls;
  return {
    ...config,
    dataDir: inBase(config.dataDir),
    kafka: { ...config.kafka, ...(config.kafka.caFile ? { caFile: inBase(config.kafka.caFile) } : {}) },
    web: { ...config.web, ...(tls && 'certFile' in tls ? { tls: { certFile: inBase(tls.certFile), keyFile: inBase(tls.keyFile) } } : {}) },
  };
}

/** " at line L, column C" for a JSON.parse error, from its offset; never any of the file's text. */
function jsonErrorPlace(text: string, message: string): string {
  const position = /position (\d+)/.exec(message)?.[1];
  if (position === undefined) return '';
  const before = text.slice(0, Number(position));
  const line = before.split('\n').length;
  const column = Number(position) - before.lastIndexOf('\n');
  return ` at line ${line}, column ${column}`;
}

/** Reads a JSON config file; relative dataDir is taken relative to the file. */
export function loadConfig(file: string, env: NodeJS.ProcessEnv = process.env, opened?: OpenedSecrets): KdsConfig {
  return parseConfig(readConfigFile(file), env, { baseDir: dirname(resolve(file)), fileOpenToOthers: openToOthers(file), opened });
}

/** The configuration file's JSON, unvalidated (the settings screen merges its changes into it). */
export function readConfigFile(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError(`cannot read the configuration file ${file}: ${(error as Error).message}`, { cause: error });
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    // JavaScript's own message quotes the text around the error, which may be a password: say only where.
    throw new ConfigError(`the configuration file ${file} is not valid JSON${jsonErrorPlace(text, (error as Error).message)}`);
  }
  return raw;
}
