import { Worker } from 'node:worker_threads';
import type { AppApi, EventName, EventPayload, RequestName, Result } from '../../../shared/app-api';
import type { KdsConfig } from '../../../shared/config';
import type { SecretSealer } from '../config/secret-sealer';
import type { Log } from '../lib/log';
import { systemClock } from '../lib/clock';
import { CORE_RESOURCE_LIMITS } from '../lib/core-heap';
import { callingScreen } from './calling-screen';
import { accessOperations, SCREEN_ACCESS_OPERATIONS } from './operations/access';
import { forwarded, requestsExcept } from './operations/core-services';
import { ScreenAccess } from './screen-access';
import type { FromWorker, ToWorker, WorkerStart } from './worker-protocol';

export interface WorkerTerminalOptions {
  configFile: string;
  newConfigDefaults: { dataDir: string };
  /** The compiled worker (core-worker.ts, bundled for the desktop app). */
  workerScript: string;
  /** Node flags for the worker (a TypeScript loader in development). */
  execArgv?: string[];
  sealer?: SecretSealer;
  log: Log;
  coalesceMs?: number;
  /** The worker ended without being asked to (a crash): the host decides what follows. */
  onCrash?: (error: Error) => void;
}

const NOT_STARTED = 'the kitchen core is starting';

/**
 * The app API of a terminal whose core runs in a worker thread: the thread that owns windows and
 * screens' connections (Electron's main, `serve`'s web host) forwards every operation of the
 * table and relays the events, so a draining backlog never delays a tap or a frame. Only the
 * screen access operations (operations/access.ts) run here, beside the web host that checks
 * access; they ask the core for the support PIN.
 */
export class WorkerTerminal {
  private readonly worker: Worker;
  private nextId = 1;
  private readonly pending = new Map<number, (result: Result<unknown>) => void>();
  private readonly listeners = { delta: new Set<(payload: unknown) => void>(), status: new Set<(payload: unknown) => void>() };
  private running: { config: KdsConfig | null; notRunning: string | null } = { config: null, notRunning: NOT_STARTED };
  private screenAccess: ScreenAccess | undefined;
  private stopping: Promise<void> | undefined;
  private readonly started: Promise<void>;
  private failStart: (error: Error) => void = () => undefined;
  readonly api: AppApi;

  private constructor(private readonly options: WorkerTerminalOptions) {
    const start: WorkerStart = {
      configFile: options.configFile,
      newConfigDefaults: options.newConfigDefaults,
      canSeal: options.sealer !== undefined,
      coalesceMs: options.coalesceMs,
    };
    this.worker = new Worker(options.workerScript, { workerData: start, execArgv: options.execArgv, resourceLimits: CORE_RESOURCE_LIMITS });
    let firstState: () => void = () => undefined;
    this.started = new Promise((resolve, reject) => {
      firstState = resolve;
      // A worker that dies before its first start (a native module that does not load) fails the start.
      this.failStart = reject;
    });
    this.worker.on('message', (message: FromWorker) => {
      this.receive(message);
      if (message.kind === 'state') firstState();
    });
    this.worker.on('error', (error) => this.crashed(error));
    this.worker.on('exit', (code) => {
      if (!this.stopping) this.crashed(new Error(`the kitchen core's thread exited (code ${code})`));
    });
    this.api = this.buildApi();
  }

  /** Starts the core's thread and waits for its first start (or setup, or why it cannot start). */
  static async start(options: WorkerTerminalOptions): Promise<WorkerTerminal> {
    const terminal = new WorkerTerminal(options);
    await terminal.started;
    return terminal;
  }

  /** The configuration the core runs with now; null in setup or when it cannot start. */
  get config(): KdsConfig | null {
    return this.running.config;
  }

  get notRunning(): string | null {
    return this.running.notRunning;
  }

  /** Who may use the web host: opened on the data folder of the first configuration that ran. */
  get access(): ScreenAccess | undefined {
    return this.screenAccess;
  }

  /** Asks the core to stop (consumers leave their groups, the database closes), then ends its thread. */
  stop(): Promise<void> {
    this.stopping ??= (async () => {
      const stopped = new Promise<void>((resolve) => {
        this.worker.on('message', (message: FromWorker) => message.kind === 'stopped' && resolve());
        this.worker.once('exit', () => resolve());
      });
      this.send({ kind: 'stop' });
      await stopped;
      await this.worker.terminate();
      this.failPending('the kitchen core stopped');
    })();
    return this.stopping;
  }

  private receive(message: FromWorker): void {
    switch (message.kind) {
      case 'response':
        this.pending.get(message.id)?.(message.result);
        this.pending.delete(message.id);
        break;
      case 'event':
        this.listeners[message.name].forEach((listener) => listener(message.payload));
        break;
      case 'state':
        this.running = { config: message.config, notRunning: message.notRunning };
        // The token file is made by the core at its first start; from then on this thread owns it.
        if (message.config && !this.screenAccess)
          this.screenAccess = ScreenAccess.open(message.config.dataDir, systemClock, this.options.log);
        break;
      case 'log':
        this.options.log(message.level, message.message);
        break;
      case 'seal':
      case 'open':
        void this.seal(message.kind, message.id, message.text);
        break;
      case 'stopped':
        break;
    }
  }

  private async seal(kind: 'seal' | 'open', id: number, text: string): Promise<void> {
    const sealer = this.options.sealer;
    let result: Result<string>;
    try {
      if (!sealer) throw new Error('no key store');
      result = { ok: true, value: await (kind === 'seal' ? sealer.seal(text) : sealer.open(text)) };
    } catch (error) {
      result = { ok: false, error: (error as Error).message };
    }
    this.send({ kind: 'sealed', id, result });
  }

  private send(message: ToWorker): void {
    this.worker.postMessage(message);
  }

  private ask(message: { kind: 'request'; name: RequestName; input: unknown } | { kind: 'check-pin'; pin: string; action: string }) {
    if (this.stopping) return Promise.resolve<Result<unknown>>({ ok: false, error: 'the kitchen core is stopping' });
    const id = this.nextId++;
    return new Promise<Result<unknown>>((resolve) => {
      this.pending.set(id, resolve);
      this.send({ ...message, id, screen: callingScreen() });
    });
  }

  private failPending(error: string): void {
    for (const resolve of this.pending.values()) resolve({ ok: false, error });
    this.pending.clear();
  }

  private crashed(error: Error): void {
    if (this.stopping) return;
    this.failStart(error);
    this.failPending(`the kitchen core failed: ${error.message}`);
    this.options.log('error', `the kitchen core's thread failed: ${error.stack ?? error.message}`);
    this.options.onCrash?.(error);
  }

  private buildApi(): AppApi {
    // Screen access is beside the web host that checks it; the core is asked only for the support PIN.
    const access = accessOperations({
      access: () => this.screenAccess,
      checkPin: (pin, action) => this.ask({ kind: 'check-pin', pin, action }),
      unavailable: () => this.running.notRunning ?? 'this terminal has no screen access yet',
      log: this.options.log,
    });
    // Input was validated where it entered (api-dispatch.ts, on this thread): the worker does not parse it again.
    const toCore = forwarded(requestsExcept(SCREEN_ACCESS_OPERATIONS), (name, input) => this.ask({ kind: 'request', name, input }));
    return {
      ...toCore,
      ...access,
      on: <E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): (() => void) => {
        const set = this.listeners[event] as Set<(payload: unknown) => void>;
        const untyped = listener as (payload: unknown) => void;
        set.add(untyped);
        return () => set.delete(untyped);
      },
    };
  }
}
