import { parentPort, workerData } from 'node:worker_threads';
import type { Result } from '../../../shared/app-api';
import type { SecretSealer } from '../config/secret-sealer';
import { shapeCoreHeap } from '../lib/core-heap';
import { runHandler } from './api-dispatch';
import { asScreen } from './calling-screen';
import { TerminalRunner } from './terminal-runner';
import type { FromWorker, ToWorker, WorkerStart } from './worker-protocol';

/**
 * The core's thread: Kafka, SQLite and the ticket stream run here, so that the thread which owns
 * the windows and the screens' connections never waits for them. It serves the app API to its
 * host (worker-terminal.ts) over the worker's message port.
 */
const port = parentPort;
if (!port) throw new Error('core-worker.ts runs as a worker thread');
shapeCoreHeap();
const start = workerData as WorkerStart;
const post = (message: FromWorker): void => port.postMessage(message);

let nextSealId = 1;
const sealing = new Map<number, (result: Result<string>) => void>();
const askHost = (kind: 'seal' | 'open', text: string): Promise<string> =>
  new Promise((resolve, reject) => {
    const id = nextSealId++;
    sealing.set(id, (result) => (result.ok ? resolve(result.value) : reject(new Error(result.error))));
    post({ kind, id, text });
  });
const sealer: SecretSealer | undefined = start.canSeal
  ? { seal: (secret) => askHost('seal', secret), open: (sealed) => askHost('open', sealed) }
  : undefined;

/** No top-level await: the desktop app bundles this file as CommonJS. */
async function serve(): Promise<void> {
  const runner = await TerminalRunner.start({
    configFile: start.configFile,
    newConfigDefaults: start.newConfigDefaults,
    sealer,
    coalesceMs: start.coalesceMs,
    log: (level, message) => post({ kind: 'log', level, message }),
    onStarted: (config, notRunning) => post({ kind: 'state', config, notRunning }),
  });
  runner.api.on('delta', (payload) => post({ kind: 'event', name: 'delta', payload }));
  runner.api.on('status', (payload) => post({ kind: 'event', name: 'status', payload }));

  port?.on('message', (message: ToWorker) => {
    switch (message.kind) {
      case 'request':
        // Validated on the host thread where it entered (api-dispatch.ts): run, not parsed again.
        void asScreen(message.screen, () => runHandler(runner.api, message.name, message.input)).then((result) =>
          post({ kind: 'response', id: message.id, result }),
        );
        break;
      case 'check-pin':
        post({
          kind: 'response',
          id: message.id,
          result: asScreen(message.screen, () => runner.checkSupportPin(message.pin, message.action)),
        });
        break;
      case 'sealed':
        sealing.get(message.id)?.(message.result);
        sealing.delete(message.id);
        break;
      case 'stop':
        void runner.stop().then(() => post({ kind: 'stopped' }));
        break;
    }
  });
}

// A failure to start surfaces as the worker's error on the host (which decides: relaunch, exit).
serve().catch((error: unknown) => {
  setImmediate(() => {
    throw error;
  });
});
