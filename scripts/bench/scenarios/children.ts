import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * Runs a benchmark child under this Node and returns the JSON of its last output line: a
 * TypeScript source with tsx, or a built bundle (.mjs/.cjs) as it is, with `env` added.
 */
export async function runChild<T>(script: string, args: string[], nodeOptions: string[] = [], env: NodeJS.ProcessEnv = {}): Promise<T> {
  const loader = script.endsWith('.ts') ? ['--import', 'tsx'] : [];
  const { stdout } = await run(process.execPath, [...nodeOptions, ...loader, script, ...args], {
    maxBuffer: 4 * 1024 * 1024,
    env: { ...process.env, ...env },
  });
  return JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as T;
}
