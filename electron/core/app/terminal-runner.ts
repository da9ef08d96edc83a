import { existsSync } from 'node:fs';
import type { AppApi, EventName, EventPayload, Result, TicketDelta } from '../../../shared/app-api';
import type { KdsConfig } from '../../../shared/config';
import type { CoreStatus } from '../../../shared/core-status';
import { loadConfig } from '../config/load-config';
import type { SecretSealer } from '../config/secret-sealer';
import { consoleLog, type Log } from '../lib/log';
import { systemClock } from '../lib/clock';
import { forwarded, requestsExcept } from './operations/core-services';
import { openedSecrets, rawConfigOf, SETTINGS_OPERATIONS, settingsOperations } from './operations/settings';
import { supportPinRefusal } from './operations/support-pin';
import { PinAttempts, type SuspendedScreen } from './pin-attempts';
import { ScreenAccess } from './screen-access';
import { startTerminal, type Terminal, type TerminalOptions } from './terminal';

export interface RunnerOptions extends Omit<TerminalOptions, 'seqFrom'> {
  configFile: string;
  /** The OS key store for a typed password, Kafka's or the registry's (the desktop app); without it, an owner-only file. */
  sealer?: SecretSealer;
  /** What a configuration made by the setup screen gets that the screens do not set. */
  newConfigDefaults: { dataDir: string };
  env?: NodeJS.ProcessEnv;
  /** After every start attempt: the configuration running now (null when none) and, if none, why. */
  onStarted?: (config: KdsConfig | null, notRunning: string | null) => void;
}

/**
 * A terminal as the desktop app and `serve` run it: started from its configuration file, or, when
 * there is none yet (or it cannot be read), waiting in setup; restarted with new settings saved
 * from a screen. It is the app API screens talk to, whichever core runs behind it: it answers the
 * settings operations (operations/settings.ts) and passes every other one to the running core,
 * and keeps what screens see continuous across restarts (one rising ticket sequence,
 * subscriptions carried over).
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
  /** The highest ticket sequence number screens may have seen, from any core this runner ran. */
  private lastSeq = 0;
  private attempts = 0;
  private readonly log: Log;
  readonly api: AppApi;

  private constructor(private readonly options: RunnerOptions) {
    this.log = options.log ?? consoleLog;
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

  /**
   * A support action's PIN, checked as the running terminal checks it (for actions a host carries
   * out itself); when right, the paired screens whose PIN actions are suspended now.
   */
  checkSupportPin(pin: string, action: string): Result<SuspendedScreen[]> {
    if (!this.config) return { ok: false, error: this.whyNotRunning() };
    return supportPinRefusal(this.config, pin, action, this.pinAttempts) ?? { ok: true, value: this.pinAttempts.suspendedScreens() };
  }

  async stop(): Promise<void> {
    await this.stopTerminal();
    this.deltaListeners.clear();
    this.statusListeners.clear();
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
      const opened = await openedSecrets(rawConfigOf(this.options.configFile), this.options.sealer);
      const config = loadConfig(this.options.configFile, this.options.env, opened);
      this.config = config;
      this.screenAccess ??= ScreenAccess.open(config.dataDir, this.options.clock ?? systemClock, this.log);
      // Screens that watched before get a gap in the sequence, which makes each ask for a snapshot.
      const seqFrom = screensMayHaveWatched ? this.lastSeq + 2 : 0;
      this.swapIn(startTerminal(config, { ...this.options, access: this.screenAccess, pinAttempts: this.pinAttempts, seqFrom }), seqFrom);
    } catch (error) {
      this.problem = (error as Error).message;
      this.log('error', `the terminal cannot start: ${this.problem}`);
    }
    this.options.onStarted?.(this.terminal ? this.terminal.config : null, this.notRunning);
  }

  private swapIn(terminal: Terminal, seqFrom: number): void {
    this.terminal = terminal;
    this.offTerminal = [
      terminal.api.on('delta', (delta) => this.emitDelta(delta)),
      terminal.api.on('status', (status) => this.statusListeners.forEach((listener) => listener(status))),
    ];
    if (seqFrom > 0) this.emitDelta({ seq: seqFrom, upserts: [], removes: [] });
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
    // A snapshot may have shown a number no delta carried (the stream's first, taken at its start).
    if (terminal) this.lastSeq = Math.max(this.lastSeq, terminal.ticketSeq());
    await terminal?.stop();
  }

  private buildApi(): AppApi {
    const settings = settingsOperations({
      ...this.options,
      pinAttempts: this.pinAttempts,
      log: this.log,
      loaded: () => this.config,
      problem: () => this.problem,
      restart: async () => {
        await this.stopTerminal();
        this.config = undefined;
        await this.startFromFile();
      },
    });
    const toCore = forwarded(requestsExcept(SETTINGS_OPERATIONS), (name, input) => {
      const terminal = this.terminal;
      if (!terminal) return { ok: false, error: this.whyNotRunning() };
      return (terminal.api[name] as (input: unknown) => Result<unknown> | Promise<Result<unknown>>)(input);
    });
    return {
      ...toCore,
      ...settings,
      on: <E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): (() => void) => {
        const listeners = (event === 'delta' ? this.deltaListeners : this.statusListeners) as Set<(payload: EventPayload<E>) => void>;
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
    };
  }
}
