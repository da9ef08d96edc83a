import { spawnSync } from 'node:child_process';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { CORE_RESOURCE_LIMITS, HEAP_GROWING_FLAG, PRETENURING_FLAG } from './core-heap';

describe("the core thread's heap", () => {
  it("names flags this V8 has: setFlagsFromString ignores an unknown one without a word, and the catch-up's memory would grow by half unseen", () => {
    const options = spawnSync(process.execPath, ['--v8-options'], { encoding: 'utf8' }).stdout;
    expect(options).toContain(`--${PRETENURING_FLAG} `);
    expect(options).toContain(`--${HEAP_GROWING_FLAG} `);
  });

  it('gives a thread started with its limits a young generation of that size', async () => {
    const worker = new Worker("require('node:worker_threads').parentPort.postMessage(require('node:worker_threads').resourceLimits)", {
      eval: true,
      resourceLimits: CORE_RESOURCE_LIMITS,
    });
    const limits = await new Promise<{ maxYoungGenerationSizeMb: number }>((resolve) => worker.once('message', resolve));
    await worker.terminate();
    expect(limits.maxYoungGenerationSizeMb).toBe(CORE_RESOURCE_LIMITS.maxYoungGenerationSizeMb);
  });
});
