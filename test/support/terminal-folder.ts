import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** The support PIN the tests' configuration files carry. */
export const TEST_PIN = '4711';

export interface TerminalFolder {
  dir: string;
  configFile: string;
  /** What a configuration made by the setup screen gets: its data folder beside the file. */
  newConfigDefaults: { dataDir: string };
}

/**
 * A terminal's folder as the desktop app and `serve` keep it: `kds.json` (owner-only) beside the
 * data. With `config`, the file is written (data in `data/`, the test PIN, then `config`); without,
 * the terminal meets its first start.
 */
export function terminalFolder(prefix: string, config?: object): TerminalFolder {
  const dir = mkdtempSync(join(tmpdir(), `${prefix}-`));
  const configFile = join(dir, 'kds.json');
  if (config) writeFileSync(configFile, JSON.stringify({ dataDir: 'data', diagnosticsPin: TEST_PIN, ...config }), { mode: 0o600 });
  return { dir, configFile, newConfigDefaults: { dataDir: join(dir, 'data') } };
}

/** The core's worker thread as the tests start it: its TypeScript source, loaded by tsx. */
export const TEST_WORKER = { workerScript: resolve('electron/core/app/core-worker.ts'), execArgv: ['--import', 'tsx'] };
