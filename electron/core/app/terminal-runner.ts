import { existsSync, accessSync, constants } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import type { AppApi, EventName, EventPayload, RequestName, Result, TicketDelta } from '../../../shared/app-api';
import type { KdsConfig } from '../../../shared/config';
import type { CoreStatus } from '../../../shared/core-status';
import type { FieldErrors, SaveOutcome, SettingsView, TerminalSettings } from '../../../shared/settings';
import { ConfigError, loadConfig, parseConfig, readConfigFile } from '../config/load-config';
import { openSealedSecrets, type OpenedSecrets, type SecretSealer } from '../config/secret-sealer';
import { hasStoredPassword, mergeSettings, sealPassword, settingsFromConfig, writeConfigFile } from '../config/settings-file';
import { testKafkaConnection } from '../kafka/connection-test';
import { checkTopics, EnvironmentGuardError } from '../kafka/environment-guard';
import type { Log } from '../kafka/kafka-client';
import { systemClock } from '../lib/clock';
import { PinAttempts } from './pin-attempts';
import { ScreenAccess } from './screen-access';
import { startTerminal, supportPinRefusal, type Terminal, type TerminalOptions } from './terminal';

export interface RunnerOptions extends TerminalOptions {
  configFile: string;
  /** The OS key store for a typed Kafka password (the desktop app); without it, an owner-only file. */
  sealer?: SecretSealer;
  /** What a configuration made by the setup screen gets that the screens do not set. */
  newConfigDefaults: { dataDir: string };
  env?: NodeJS.ProcessEnv;
  /** After every start attempt: the configuration running now (null when none) and, if none, why. */
  onStarted?: (config: KdsConfig | null, notRunning: string | null) => void;
}

type Json = Record<string, unknown>;
type Gate = { ok: true } | { ok: false; locked: true } | { ok: false; locked: false; error: string };

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * A terminal as the desktop app and `serve` run it: started from its configuration file, or, when
 * there is none yet (or it cannot be read), waiting in setup; restarted with new settings saved
 * from a screen. It is the app API screens talk to, whichever core runs behind it, and keeps what
 * they see continuous across restarts (one rising ticket sequence, subscriptions carried over).
 */
export class TerminalRunner {
  private terminal: Terminal | undefined;
  private config: KdsConfig | undefined;
  private problem: string | null = null;
  private screenAccess: ScreenAccess | undefined;
  /** One limit on wrong PINs for the runner's life: a restart of the core (saved settings) does not reset it. */
  private readonly pinAttempts: PinAttempts;
  private readonly deltaListeners = new Set<(delta: TicketDelta) => void>();
  private readonly statusListeners = new Set<(status: CoreStatus) => void>();
  private offTerminal: (() => void)[] = [];
  /** Added to the core's ticket sequence, so that a restarted core's sequence still rises for every screen. */
  private seqBase = 0;
  private lastSeq = 0;
  private attempts = 0;
  private saving = false;
  private readonly log: Log;
  readonly api: AppApi;

  private constructor(private readonly options: RunnerOptions) {
    this.log = options.log ?? ((level, message) => console[level === 'info' ? 'log' : level](`[kds] ${message}`));
    const clock = options.clock ?? systemClock;
    this.pinAttempts = options.pinAttempts ?? new PinAttempts(() => clock.now(), this.log);
    this.api = this.buildApi();
  }

  /** Starts the terminal from its configuration file, or waits in setup when it has none it can use. */
  static async start(options: RunnerOptions): Promise<TerminalRunner> {
    const runner = new TerminalRunner(options);
    await runner.startFromFile();
    return runner;
  }

  /** The running core, if any (undefined in setup, or when its start failed: see `notRunning`). */
  get current(): Terminal | undefined {
    return this.terminal;
  }

  /** Why the terminal is not running; null when it is. */
  get notRunning(): string | null {
    return this.terminal ? null : this.whyNotRunning();
  }

  private whyNotRunning(): string {
    return this.problem ?? 'this terminal is not set up yet: complete the setup screen';
  }

  /** Screen access: one for the runner's life, so a web host keeps it across restarts of the core. */
  get access(): ScreenAccess | undefined {
    return this.screenAccess;
  }

  /** A support action's PIN, checked as the running terminal checks it (for actions a host carries out itself). */
  checkSupportPin(pin: string, action: string): Result<null> {
    if (!this.config) return { ok: false, error: this.whyNotRunning() };
    return supportPinRefusal(this.config, pin, action, this.pinAttempts) ?? { ok: true, value: null };
  }

  async stop(): Promise<void> {
    await this.stopTerminal();
    this.deltaListeners.clear();
    this.statusListeners.clear();
  }

  /** Sealed passwords opened by the key store, for the synchronous loader (none outside the desktop app). */
  private async opened(raw: unknown): Promise<OpenedSecrets | undefined> {
    return this.options.sealer ? openSealedSecrets(raw, this.options.sealer) : undefined;
  }

  private async startFromFile(): Promise<void> {
    this.problem = null;
    // Screens may have watched since the first attempt (in setup, or a start that failed).
    const screensMayHaveWatched = this.attempts++ > 0;
    if (!existsSync(this.options.configFile)) {
      this.log('info', `no configuration at ${this.options.configFile} yet: waiting for the setup screen`);
      this.options.onStarted?.(null, this.notRunning);
      return;
    }
    try {
      const config = loadConfig(this.options.configFile, this.options.env, await this.opened(this.rawConfig()));
      this.config = config;
      this.screenAccess ??= ScreenAccess.open(config.dataDir, this.options.clock ?? systemClock, this.log);
      this.swapIn(
        startTerminal(config, { ...this.options, access: this.screenAccess, pinAttempts: this.pinAttempts }),
        screensMayHaveWatched,
      );
    } catch (error) {
      this.problem = (error as Error).message;
      this.log('error', `the terminal cannot start: ${this.problem}`);
    }
    this.options.onStarted?.(this.terminal ? this.terminal.config : null, this.notRunning);
  }

  private swapIn(terminal: Terminal, screensMayHaveWatched: boolean): void {
    this.terminal = terminal;
    // Screens that watched before get a gap in the sequence, which makes each ask for a snapshot.
    if (screensMayHaveWatched) this.seqBase = this.lastSeq + 2;
    const base = this.seqBase;
    this.offTerminal = [
      terminal.api.on('delta', (delta) => this.emitDelta({ ...delta, seq: delta.seq + base })),
      terminal.api.on('status', (status) => this.statusListeners.forEach((listener) => listener(status))),
    ];
    if (base > 0) this.emitDelta({ seq: base, upserts: [], removes: [] });
  }

  private emitDelta(delta: TicketDelta): void {
    this.lastSeq = Math.max(this.lastSeq, delta.seq);
    this.deltaListeners.forEach((listener) => listener(delta));
  }

  private async stopTerminal(): Promise<void> {
    const terminal = this.terminal;
    this.terminal = undefined;
    this.offTerminal.forEach((off) => off());
    this.offTerminal = [];
    await terminal?.stop();
  }

  /** The file's JSON, or an empty object on a first start (or a file past reading). */
  private rawConfig(): Json {
    try {
      const raw = existsSync(this.options.configFile) ? readConfigFile(this.options.configFile) : {};
      return isObject(raw) ? raw : {};
    } catch {
      return {};
    }
  }

  /** The support PIN: the running configuration's, else the one the file holds (a file that cannot start). */
  private expectedPin(raw: Json): string | undefined {
    return this.config?.diagnosticsPin ?? (typeof raw.diagnosticsPin === 'string' ? raw.diagnosticsPin : undefined);
  }

  /** Settings need the support PIN once one is set; a terminal set up without one keeps them locked. */
  private gate(pin: string | undefined, raw: Json): Gate {
    const expected = this.expectedPin(raw);
    if (expected === undefined) {
      if (!this.config) return { ok: true };
      return {
        ok: false,
        locked: false,
        error: 'settings are locked: this terminal has no PIN; set diagnosticsPin in its configuration file',
      };
    }
    if (pin === undefined) return { ok: false, locked: true };
    const checked = this.pinAttempts.check(pin, expected, 'the settings screen');
    return checked.ok ? { ok: true } : { ok: false, locked: false, error: checked.error };
  }

  private view(pin: string | undefined): Result<SettingsView> {
    const raw = this.rawConfig();
    const gate = this.gate(pin, raw);
    if (!gate.ok && !gate.locked) return { ok: false, error: gate.error };
    const base = {
      configured: this.config !== undefined,
      problem: this.problem,
      secretStorage: this.options.sealer ? ('os-encrypted' as const) : ('owner-only-file' as const),
    };
    if (!gate.ok) return { ok: true, value: { ...base, locked: true, settings: null, hasPassword: false } };
    const settings = this.config ? settingsFromConfig(this.config) : null;
    return { ok: true, value: { ...base, locked: false, settings, hasPassword: hasStoredPassword(raw) } };
  }

  /** Testing and saving settings need them unlocked; the answer when they are not. */
  private static refused(gate: Exclude<Gate, { ok: true }>): { ok: false; error: string } {
    return { ok: false, error: gate.locked ? 'the PIN is needed' : gate.error };
  }

  /** The configuration these settings would make, checked as a start would check it; or the field that is wrong. */
  private async candidate(
    settings: TerminalSettings,
    raw: Json,
  ): Promise<{ config: KdsConfig; merged: Json } | { fieldErrors: FieldErrors }> {
    const merged = mergeSettings(raw, settings, this.options.newConfigDefaults);
    const baseDir = dirname(resolve(this.options.configFile));
    if (settings.saslMechanism !== 'none' && !hasStoredPassword(merged)) return { fieldErrors: { saslPassword: 'required with SASL' } };
    if (settings.caFile) {
      try {
        accessSync(isAbsolute(settings.caFile) ? settings.caFile : resolve(baseDir, settings.caFile), constants.R_OK);
      } catch {
        return { fieldErrors: { caFile: 'this terminal cannot read that file' } };
      }
    }
    try {
      const config = parseConfig(merged, this.options.env, { baseDir, opened: await this.opened(merged) });
      checkTopics(config);
      return { config, merged };
    } catch (error) {
      if (error instanceof ConfigError || error instanceof EnvironmentGuardError)
        return { fieldErrors: { form: (error as Error).message } };
      throw error;
    }
  }

  private async testSettings(settings: TerminalSettings, pin: string | undefined) {
    const raw = this.rawConfig();
    const gate = this.gate(pin, raw);
    if (!gate.ok) return TerminalRunner.refused(gate);
    const candidate = await this.candidate(settings, raw);
    if ('fieldErrors' in candidate) return { ok: false as const, error: Object.values(candidate.fieldErrors).join('; ') };
    return testKafkaConnection(candidate.config);
  }

  private async saveSettings(settings: TerminalSettings, pin: string | undefined): Promise<Result<SaveOutcome>> {
    const raw = this.rawConfig();
    const gate = this.gate(pin, raw);
    if (!gate.ok) return TerminalRunner.refused(gate);
    if (!settings.newPin && this.expectedPin(raw) === undefined) {
      return { ok: true, value: { saved: false, fieldErrors: { newPin: 'choose a PIN: it protects these settings' } } };
    }
    if (this.saving) return { ok: false, error: 'settings are being saved already' };
    this.saving = true;
    try {
      const candidate = await this.candidate(settings, raw);
      if ('fieldErrors' in candidate) return { ok: true, value: { saved: false, fieldErrors: candidate.fieldErrors } };
      writeConfigFile(this.options.configFile, await sealPassword(candidate.merged, this.options.configFile, this.options.sealer));
      this.log('warn', `settings saved from a screen for ${settings.merchantId}/${settings.terminalId}: the terminal restarts with them`);
      await this.stopTerminal();
      this.config = undefined;
      await this.startFromFile();
      return { ok: true, value: { saved: true } };
    } finally {
      this.saving = false;
    }
  }

  private buildApi(): AppApi {
    const running = <K extends RequestName>(name: K) =>
      ((input: never) => {
        const terminal = this.terminal;
        if (!terminal) return { ok: false, error: this.whyNotRunning() };
        return (terminal.api[name] as (value: never) => unknown)(input);
      }) as AppApi[K];
    return {
      snapshot: async () => {
        const terminal = this.terminal;
        if (!terminal) return { ok: false, error: this.whyNotRunning() };
        const base = this.seqBase;
        const result = await terminal.api.snapshot(undefined);
        if (!result.ok) return result;
        this.lastSeq = Math.max(this.lastSeq, result.value.seq + base);
        return { ok: true, value: { ...result.value, seq: result.value.seq + base } };
      },
      status: running('status'),
      execute: running('execute'),
      deadLetters: running('deadLetters'),
      acknowledgeNotices: running('acknowledgeNotices'),
      replayOrders: running('replayOrders'),
      pairScreen: running('pairScreen'),
      rotateScreenAccess: running('rotateScreenAccess'),
      pairedScreens: running('pairedScreens'),
      revokeScreen: running('revokeScreen'),
      diagnosticsExport: running('diagnosticsExport'),
      testConnection: running('testConnection'),
      speedOfService: running('speedOfService'),
      speedOfServiceCsv: running('speedOfServiceCsv'),
      auditSearch: running('auditSearch'),
      auditTimeline: running('auditTimeline'),
      settings: ({ pin }) => this.view(pin),
      testSettings: ({ settings, pin }) => this.testSettings(settings, pin),
      saveSettings: ({ settings, pin }) => this.saveSettings(settings, pin),
      on: <E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): (() => void) => {
        const listeners = (event === 'delta' ? this.deltaListeners : this.statusListeners) as Set<(payload: EventPayload<E>) => void>;
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
    };
  }
}
