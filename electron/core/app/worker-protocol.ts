import type { EventName, RequestName, Result } from '../../../shared/app-api';
import type { KdsConfig } from '../../../shared/config';
import type { CallingScreen } from './calling-screen';

/**
 * Messages between the thread that owns windows and screens (Electron's main, `serve`'s web
 * host) and the core's worker thread. Internal to the app: both ends are this code, in one
 * process; screens never reach it except through the app API's operations.
 */
export interface WorkerStart {
  configFile: string;
  newConfigDefaults: { dataDir: string };
  /** The host can seal secrets (Electron's safeStorage lives in the main process only). */
  canSeal: boolean;
  coalesceMs?: number;
}

export type ToWorker =
  /** `input` was validated by the transport it came in through (api-dispatch.ts); the worker does not parse it again. */
  /** `screen`: who asked, as the transport found it (calling-screen.ts); the worker runs the request as that screen. */
  | { kind: 'request'; id: number; name: RequestName; input: unknown; screen: CallingScreen }
  | { kind: 'check-pin'; id: number; pin: string; action: string; screen: CallingScreen }
  | { kind: 'sealed'; id: number; result: Result<string> }
  | { kind: 'stop' };

export type FromWorker =
  | { kind: 'response'; id: number; result: Result<unknown> }
  | { kind: 'event'; name: EventName; payload: unknown }
  /** After every start of the core (and every failed one): what runs now. */
  | { kind: 'state'; config: KdsConfig | null; notRunning: string | null }
  | { kind: 'log'; level: 'info' | 'warn' | 'error'; message: string }
  | { kind: 'seal' | 'open'; id: number; text: string }
  | { kind: 'stopped' };
