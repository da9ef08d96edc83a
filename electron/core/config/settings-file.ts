import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { KdsConfig } from '../../../shared/config';
import type { TerminalSettings } from '../../../shared/settings';
import type { SecretSealer } from './secret-sealer';

type Json = Record<string, unknown>;

/** Where a typed Kafka password goes when there is no OS key store: beside the configuration, owner-only. */
export const PASSWORD_FILE_NAME = 'kafka-sasl-password';
/** The same for the schema registry's password. */
export const REGISTRY_PASSWORD_FILE_NAME = 'schema-registry-password';

/** Where `kafka.sasl` and `schemaRegistry` may keep their password (config.ts: exactly one of them). */
const PASSWORD_KEYS = ['password', 'passwordFile', 'passwordSealed'] as const;

/** The stored password's keys of a section, or the typed one. */
const secretOf = (stored: Json, typed: string): Json =>
  typed ? { password: typed } : Object.fromEntries(PASSWORD_KEYS.filter((key) => key in stored).map((key) => [key, stored[key]]));

const objectAt = (raw: Json, key: string): Json => {
  const value = raw[key];
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? { ...(value as Json) } : {};
};

/** The settings screens' view of a loaded configuration (secrets left out). */
export function settingsFromConfig(config: KdsConfig): TerminalSettings {
  return {
    merchantId: config.merchantId,
    terminalId: config.terminalId,
    env: config.env,
    brokers: config.kafka.brokers,
    tls: config.kafka.ssl,
    caFile: config.kafka.caFile ?? '',
    saslMechanism: config.kafka.sasl?.mechanism ?? 'none',
    saslUsername: config.kafka.sasl?.username ?? '',
    saslPassword: '',
    stations: config.stations,
    warnMinutes: config.screen.warnMinutes,
    lateMinutes: config.screen.lateMinutes,
    sound: config.screen.sound,
    itemTiming: config.kitchen.itemTiming,
    cookTimes: config.kitchen.cookTimes,
    coursePacing: config.kitchen.coursePacing,
    courseMinutes: config.kitchen.courseMinutes,
    registryUrl: config.schemaRegistry?.url ?? '',
    registryUsername: config.schemaRegistry?.auth?.username ?? '',
    registryPassword: '',
    kitchenEventFormat: config.kitchenEventFormat,
    expectedClusterId: config.expectedClusterId ?? '',
    newPin: '',
  };
}

/**
 * The configuration file's JSON with the settings applied, everything else in it kept (data
 * folder, web host, retention…). A typed password goes in as `password` here; `sealPassword`
 * moves it somewhere safe before the file is written. No password typed: the stored one stays.
 */
export function mergeSettings(raw: Json, settings: TerminalSettings, defaults: { dataDir: string }): Json {
  const kafka = objectAt(raw, 'kafka');
  kafka.brokers = settings.brokers;
  kafka.ssl = settings.tls;
  if (settings.caFile) kafka.caFile = settings.caFile;
  else delete kafka.caFile;
  if (settings.saslMechanism === 'none') delete kafka.sasl;
  else {
    const secret = secretOf(objectAt(kafka, 'sasl'), settings.saslPassword);
    kafka.sasl = { mechanism: settings.saslMechanism, username: settings.saslUsername.trim(), ...secret };
  }
  const merged: Json = {
    ...raw,
    env: settings.env,
    merchantId: settings.merchantId,
    terminalId: settings.terminalId,
    stations: settings.stations,
    kafka,
    screen: { ...objectAt(raw, 'screen'), warnMinutes: settings.warnMinutes, lateMinutes: settings.lateMinutes, sound: settings.sound },
    kitchen: {
      ...objectAt(raw, 'kitchen'),
      itemTiming: settings.itemTiming,
      cookTimes: settings.cookTimes,
      coursePacing: settings.coursePacing,
      courseMinutes: settings.courseMinutes,
    },
    dataDir: typeof raw.dataDir === 'string' ? raw.dataDir : defaults.dataDir,
  };
  const registryUrl = settings.registryUrl.trim();
  const registryUsername = settings.registryUsername.trim();
  if (!registryUrl) delete merged.schemaRegistry;
  else {
    // A username cleared drops the password with it (config.ts: a password needs a username).
    const secret = registryUsername ? secretOf(objectAt(raw, 'schemaRegistry'), settings.registryPassword) : {};
    merged.schemaRegistry = { url: registryUrl, ...(registryUsername ? { username: registryUsername } : {}), ...secret };
  }
  merged.kitchenEventFormat = settings.kitchenEventFormat;
  if (settings.expectedClusterId) merged.expectedClusterId = settings.expectedClusterId;
  else delete merged.expectedClusterId;
  if (settings.newPin) merged.diagnosticsPin = settings.newPin;
  return merged;
}

const hasPasswordIn = (section: Json): boolean => PASSWORD_KEYS.some((key) => typeof section[key] === 'string');

/** True when the configuration has a Kafka password, typed now or kept from before. */
export function hasStoredPassword(raw: Json): boolean {
  return hasPasswordIn(objectAt(objectAt(raw, 'kafka'), 'sasl'));
}

/** True when the configuration has a password for the schema registry, typed now or kept from before. */
export function hasStoredRegistryPassword(raw: Json): boolean {
  return hasPasswordIn(objectAt(raw, 'schemaRegistry'));
}

/** A section with its typed `password` sealed, or moved to the owner-only file `fileName`; as it was without one. */
async function sealSection(section: Json, fileName: string, configFile: string, sealer: SecretSealer | undefined): Promise<Json> {
  if (typeof section.password !== 'string') return section;
  const password = section.password;
  const rest = Object.fromEntries(Object.entries(section).filter(([key]) => !(PASSWORD_KEYS as readonly string[]).includes(key)));
  if (sealer) return { ...rest, passwordSealed: await sealer.seal(password) };
  writeOwnerOnly(join(dirname(configFile), fileName), `${password}\n`);
  return { ...rest, passwordFile: fileName };
}

/**
 * Moves typed passwords (Kafka's, the schema registry's) out of the JSON: sealed by the OS key
 * store where there is one, else into an owner-only file beside the configuration (the
 * documented fallback).
 */
export async function sealPassword(merged: Json, configFile: string, sealer: SecretSealer | undefined): Promise<Json> {
  const sealed: Json = { ...merged };
  const kafka = objectAt(merged, 'kafka');
  if ('sasl' in kafka) {
    sealed.kafka = { ...kafka, sasl: await sealSection(objectAt(kafka, 'sasl'), PASSWORD_FILE_NAME, configFile, sealer) };
  }
  if ('schemaRegistry' in merged) {
    sealed.schemaRegistry = await sealSection(objectAt(merged, 'schemaRegistry'), REGISTRY_PASSWORD_FILE_NAME, configFile, sealer);
  }
  return sealed;
}

/** Replaces a file all at once (a power cut leaves the old or the new one, never half), readable by its owner only. */
export function writeOwnerOnly(file: string, text: string): void {
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const temporary = `${file}.${process.pid}.tmp`;
  const descriptor = openSync(temporary, 'w', 0o600);
  try {
    writeFileSync(descriptor, text);
    fsyncSync(descriptor);
  } finally {
    closeSync(descriptor);
  }
  renameSync(temporary, file);
}

export function writeConfigFile(file: string, raw: Json): void {
  writeOwnerOnly(file, `${JSON.stringify(raw, null, 2)}\n`);
}
