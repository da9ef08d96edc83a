import { accessSync, constants, existsSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import type { Result } from '../../../../shared/app-api';
import type { KdsConfig } from '../../../../shared/config';
import type { FieldErrors, SaveOutcome, SettingsView, TerminalSettings } from '../../../../shared/settings';
import { ConfigError, parseConfig, readConfigFile } from '../../config/load-config';
import { openSealedSecrets, type OpenedSecrets, type SecretSealer } from '../../config/secret-sealer';
import {
  hasStoredPassword,
  hasStoredRegistryPassword,
  mergeSettings,
  sealPassword,
  settingsFromConfig,
  writeConfigFile,
} from '../../config/settings-file';
import { testKafkaConnection } from '../../kafka/connection-test';
import { checkTopics, EnvironmentGuardError } from '../../kafka/environment-guard';
import type { Log } from '../../lib/log';
import { callingScreen } from '../calling-screen';
import type { PinAttempts } from '../pin-attempts';
import type { Operations } from './core-services';

/** The settings screens' operations: the app that runs the terminal keeps its configuration file, so they are answered there. */
export const SETTINGS_OPERATIONS = ['settings', 'testSettings', 'saveSettings'] as const;
type SettingsOperation = (typeof SETTINGS_OPERATIONS)[number];

/** A bare terminal (startTerminal) has no configuration file to write: its runner (terminal-runner.ts) answers these. */
export function bareTerminalSettings(): Operations<SettingsOperation> {
  const elsewhere = (): Result<never> => ({ ok: false, error: 'settings are kept by the app that runs this terminal' });
  return { settings: elsewhere, testSettings: elsewhere, saveSettings: elsewhere };
}

type Json = Record<string, unknown>;
type Gate = { ok: true } | { ok: false; locked: true } | { ok: false; locked: false; error: string };

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The configuration file's JSON, or an empty object on a first start (or a file past reading). */
export function rawConfigOf(configFile: string): Json {
  try {
    const raw = existsSync(configFile) ? readConfigFile(configFile) : {};
    return isObject(raw) ? raw : {};
  } catch {
    return {};
  }
}

/** Sealed passwords opened by the key store, for the synchronous loader (none outside the desktop app). */
export async function openedSecrets(raw: unknown, sealer: SecretSealer | undefined): Promise<OpenedSecrets | undefined> {
  return sealer ? openSealedSecrets(raw, sealer) : undefined;
}

export interface SettingsServices {
  configFile: string;
  env?: NodeJS.ProcessEnv;
  /** The OS key store for a typed password, Kafka's or the registry's (the desktop app); without it, an owner-only file. */
  sealer?: SecretSealer;
  /** What a configuration made by the setup screen gets that the screens do not set. */
  newConfigDefaults: { dataDir: string };
  pinAttempts: PinAttempts;
  log: Log;
  /** The configuration read from the file at the last start, if it could be read. */
  loaded(): KdsConfig | undefined;
  /** Why the terminal is not running; null when it is. */
  problem(): string | null;
  /** Stops the core and starts it again from the file just written. */
  restart(): Promise<void>;
}

/** Settings need the support PIN once one is set; a terminal set up without one keeps them locked. */
function gate(services: SettingsServices, pin: string | undefined, raw: Json): Gate {
  const expected = expectedPin(services, raw);
  if (expected === undefined) {
    if (!services.loaded()) return { ok: true };
    return {
      ok: false,
      locked: false,
      error: 'settings are locked: this terminal has no PIN; set diagnosticsPin in its configuration file',
    };
  }
  if (pin === undefined) return { ok: false, locked: true };
  const checked = services.pinAttempts.check(pin, expected, 'the settings screen', callingScreen());
  return checked.ok ? { ok: true } : { ok: false, locked: false, error: checked.error };
}

/** The support PIN: the loaded configuration's, else the one the file holds (a file that cannot start). */
function expectedPin(services: SettingsServices, raw: Json): string | undefined {
  return services.loaded()?.diagnosticsPin ?? (typeof raw.diagnosticsPin === 'string' ? raw.diagnosticsPin : undefined);
}

/** Testing and saving settings need them unlocked; the answer when they are not. */
function refused(closed: Exclude<Gate, { ok: true }>): { ok: false; error: string } {
  return { ok: false, error: closed.locked ? 'the PIN is needed' : closed.error };
}

/** The configuration these settings would make, checked as a start would check it; or the field that is wrong. */
async function candidate(
  services: SettingsServices,
  settings: TerminalSettings,
  raw: Json,
): Promise<{ config: KdsConfig; merged: Json } | { fieldErrors: FieldErrors }> {
  const merged = mergeSettings(raw, settings, services.newConfigDefaults);
  const baseDir = dirname(resolve(services.configFile));
  if (settings.saslMechanism !== 'none' && !hasStoredPassword(merged)) return { fieldErrors: { saslPassword: 'required with SASL' } };
  if (settings.registryUrl && settings.registryUsername.trim() && !hasStoredRegistryPassword(merged)) {
    return { fieldErrors: { registryPassword: 'required with a username' } };
  }
  if (settings.caFile) {
    try {
      accessSync(isAbsolute(settings.caFile) ? settings.caFile : resolve(baseDir, settings.caFile), constants.R_OK);
    } catch {
      return { fieldErrors: { caFile: 'this terminal cannot read that file' } };
    }
  }
  try {
    const config = parseConfig(merged, services.env, { baseDir, opened: await openedSecrets(merged, services.sealer) });
    checkTopics(config);
    return { config, merged };
  } catch (error) {
    if (error instanceof ConfigError || error instanceof EnvironmentGuardError) return { fieldErrors: { form: (error as Error).message } };
    throw error;
  }
}

/** The settings and setup screens, as the runner answers them: read, test and save the configuration file, then restart the core. */
export function settingsOperations(services: SettingsServices): Operations<SettingsOperation> {
  let saving = false;
  const view = (pin: string | undefined): Result<SettingsView> => {
    const raw = rawConfigOf(services.configFile);
    const checked = gate(services, pin, raw);
    if (!checked.ok && !checked.locked) return { ok: false, error: checked.error };
    const base = {
      configured: services.loaded() !== undefined,
      problem: services.problem(),
      secretStorage: services.sealer ? ('os-encrypted' as const) : ('owner-only-file' as const),
    };
    if (!checked.ok) return { ok: true, value: { ...base, locked: true, settings: null, hasPassword: false, hasRegistryPassword: false } };
    const loaded = services.loaded();
    return {
      ok: true,
      value: {
        ...base,
        locked: false,
        settings: loaded ? settingsFromConfig(loaded) : null,
        hasPassword: hasStoredPassword(raw),
        hasRegistryPassword: hasStoredRegistryPassword(raw),
      },
    };
  };
  const save = async (settings: TerminalSettings, pin: string | undefined): Promise<Result<SaveOutcome>> => {
    const raw = rawConfigOf(services.configFile);
    const checked = gate(services, pin, raw);
    if (!checked.ok) return refused(checked);
    if (!settings.newPin && expectedPin(services, raw) === undefined) {
      return { ok: true, value: { saved: false, fieldErrors: { newPin: 'choose a PIN: it protects these settings' } } };
    }
    if (saving) return { ok: false, error: 'settings are being saved already' };
    saving = true;
    try {
      const made = await candidate(services, settings, raw);
      if ('fieldErrors' in made) return { ok: true, value: { saved: false, fieldErrors: made.fieldErrors } };
      writeConfigFile(services.configFile, await sealPassword(made.merged, services.configFile, services.sealer));
      services.log(
        'warn',
        `settings saved from a screen for ${settings.merchantId}/${settings.terminalId}: the terminal restarts with them`,
      );
      await services.restart();
      return { ok: true, value: { saved: true } };
    } finally {
      saving = false;
    }
  };
  return {
    settings: ({ pin }) => view(pin),
    testSettings: async ({ settings, pin }) => {
      const raw = rawConfigOf(services.configFile);
      const checked = gate(services, pin, raw);
      if (!checked.ok) return refused(checked);
      const made = await candidate(services, settings, raw);
      if ('fieldErrors' in made) return { ok: false, error: Object.values(made.fieldErrors).join('; ') };
      return testKafkaConnection(made.config);
    },
    saveSettings: ({ settings, pin }) => save(settings, pin),
  };
}
