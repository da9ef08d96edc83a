import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { PRETENURING_FLAG } from './young-records';

describe('decoded records kept young', () => {
  it("names a flag this V8 has: setFlagsFromString ignores an unknown one without a word, and the catch-up's memory would grow by half unseen", () => {
    const options = spawnSync(process.execPath, ['--v8-options'], { encoding: 'utf8' }).stdout;
    expect(options).toContain(`--${PRETENURING_FLAG} `);
  });
});
