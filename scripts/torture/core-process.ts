import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { KdsConfig } from '../../shared/config';

/** A terminal's core in a child process (core-child.ts), to be killed at any instant. */
export interface CoreProcess {
  child: ChildProcess;
  /** Resolves with the records covered by stored offsets once they reach `atLeast`; rejects if the child exits first. */
  consumed: (atLeast: number) => Promise<number>;
  exited: Promise<void>;
}

export function startCoreProcess(config: KdsConfig): CoreProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/torture/core-child.ts', JSON.stringify(config)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let latest = -1;
  const waiters: { atLeast: number; resolve: (n: number) => void }[] = [];
  createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (line) => {
    const match = /^(?:consumed|started) (\d+)$/.exec(line);
    if (!match) return;
    latest = Number(match[1]);
    for (const waiter of waiters.splice(0)) {
      if (latest >= waiter.atLeast) waiter.resolve(latest);
      else waiters.push(waiter);
    }
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    child,
    exited,
    consumed: (atLeast) =>
      new Promise((resolve, reject) => {
        if (latest >= atLeast) return resolve(latest);
        waiters.push({ atLeast, resolve });
        void exited.then(() => reject(new Error('core child exited')));
      }),
  };
}
