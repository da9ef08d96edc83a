import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Runs a benchmark child under this Node (with tsx) and returns the JSON of its last output line. */
export async function runChild<T>(script: string, args: string[], nodeOptions: string[] = []): Promise<T> {
  const { stdout } = await run(process.execPath, [...nodeOptions, '--import', 'tsx', script, ...args], { maxBuffer: 4 * 1024 * 1024 });
  return JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as T;
}
