import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';

const brokerInfo = z.object({ pid: z.number().int().positive(), bootstrap: z.string() });

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitUntil(condition: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (condition()) return true;
    await new Promise((r) => setTimeout(r, 250));
  }
  return condition();
}

describe('local broker lifecycle', () => {
  it('no Kafka JVM outlives its owner, even when the owner is SIGKILLed', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/support/broker-child.ts'], { stdio: ['ignore', 'pipe', 'inherit'] });
    const firstLine = await new Promise<string>((resolve, reject) => {
      createInterface({ input: child.stdout }).once('line', resolve);
      child.once('exit', (code) => reject(new Error(`broker child exited early (${code})`)));
    });
    const info = brokerInfo.parse(JSON.parse(firstLine));
    expect(alive(info.pid)).toBe(true);

    child.kill('SIGKILL');
    // The guard polls once a second and the JVM shuts down on SIGTERM within a few seconds.
    expect(await waitUntil(() => !alive(info.pid), 20_000)).toBe(true);
  });
});
