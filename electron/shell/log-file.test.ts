import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { openLogFile } from './log-file';

describe("the desktop app's log file", () => {
  it('rotates by size and keeps a bounded number of old files', async () => {
    vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const dir = mkdtempSync(join(tmpdir(), 'kds-logs-'));
    const file = openLogFile(dir, { size: '1K', maxFiles: 3 });
    for (let i = 0; i < 300; i += 1) {
      file.log('info', `line ${i} ${'x'.repeat(60)}`);
      // Rotation happens between writes; give the stream a turn now and then.
      if (i % 20 === 19) await new Promise((resolve) => setImmediate(resolve));
    }
    await file.close();
    // The current file and at most three rotated ones (beside the rotation's own history list).
    const logs = readdirSync(dir).filter((name) => name.endsWith('kds.log'));
    expect(logs).toHaveLength(4);
    expect(readFileSync(join(dir, 'kds.log'), 'utf8')).toContain('line 299');
  });
});
