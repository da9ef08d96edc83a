import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { startTerminal, type Terminal } from '../../electron/core/app/terminal';
import { dispatchRequest } from '../../electron/core/app/api-dispatch';
import { createTopics, testConfig, waitFor } from '../support/core-harness';
import { placedOrder } from '../support/events';
import { testBootstrap, testKafka } from '../support/kafka';
import { produceOrders, snapshotOf } from '../support/kitchen-fixtures';

/** A real size-limited file system (tmpfs) for the terminal's data folder: its disk can really fill up. */
function smallDisk(megabytes: number): { dir: string; release: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'kds-small-disk-'));
  execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${megabytes}m,mode=0700`, 'tmpfs', dir]);
  return {
    dir,
    release: () => {
      execFileSync('umount', ['-l', dir]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Writes a filler file until the file system refuses (ENOSPC). */
function fillUp(file: string): void {
  const chunk = Buffer.alloc(64 * 1024, 1);
  let size = 0;
  for (;;) {
    try {
      writeFileSync(file, chunk, { flag: size === 0 ? 'w' : 'a' });
      size += chunk.length;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOSPC') return;
      throw error;
    }
  }
}

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('a full disk', () => {
  it('shows "storage full", advances no offset past unsaved work, refuses actions clearly, and resumes by itself when space returns', async () => {
    const disk = smallDisk(12);
    cleanups.push(disk.release);
    const config = testConfig(testBootstrap(), { dataDir: join(disk.dir, 'data') });
    const kafka = testKafka();
    await createTopics(kafka, config, 1);
    const terminal: Terminal = startTerminal(config, { log: () => undefined });
    cleanups.push(() => terminal.stop());
    const now = () => new Date().toISOString();

    await produceOrders(kafka, config.topics.orders, [placedOrder('before-1', { occurredAt: now() })]);
    await waitFor('the first order', () => terminal.status().counters['records.applied'] === 1, 30_000);

    const filler = join(disk.dir, 'someone-elses-files');
    fillUp(filler);
    const later = Array.from({ length: 1500 }, (_, i) => placedOrder(`during-${i}`, { occurredAt: now() }));
    await produceOrders(kafka, config.topics.orders, later);
    const status = await waitFor(
      'storage full on the status',
      () => terminal.status().storage.fullSince !== null && terminal.status(),
      60_000,
    );
    expect(status.storage.fullSince).not.toBeNull();

    // Whatever was saved, its offset with it; nothing beyond.
    const observer = new Database(join(config.dataDir, 'kds.db'), { readonly: true });
    const saved = observer.prepare('SELECT COUNT(*) FROM orders').pluck().get() as number;
    const next = Number(observer.prepare('SELECT next_offset FROM consumer_offsets WHERE topic = ?').pluck().get(config.topics.orders));
    observer.close();
    expect(next).toBe(saved);
    expect(saved).toBeLessThan(1 + later.length);

    const bump = await dispatchRequest(terminal.api, 'execute', { type: 'BUMP', orderId: 'before-1' });
    expect(bump).toEqual({ ok: false, error: 'storage full: the action was not saved — free disk space on this terminal' });

    rmSync(filler);
    const freed = Date.now();
    await waitFor('every order, once space is back', () => terminal.status().counters['records.applied'] === 1 + later.length, 120_000);
    await waitFor('storage full cleared', () => terminal.status().storage.fullSince === null, 30_000);
    console.log(
      `disk full: ${saved} of ${1 + later.length} orders saved when it filled, the rest applied ${Date.now() - freed} ms after space returned`,
    );
    const snapshot = await snapshotOf(terminal);
    expect(new Set(snapshot.tickets.map((ticket) => ticket.orderId)).size).toBe(1 + later.length);
    expect((await dispatchRequest(terminal.api, 'execute', { type: 'BUMP', orderId: 'before-1' })).ok).toBe(true);
  });
});
