import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Storage } from './storage';

describe('storage access', () => {
  it('reads outside a transaction, writes only inside one (the type checker refuses the rest)', () => {
    const storage = Storage.open(mkdtempSync(join(tmpdir(), 'kds-unit-')));
    const notice = { topic: 't', partition: null, kind: 'NEW_LOG' as const, detail: 'a new log', lost: null, at: 1 };
    // @ts-expect-error a write outside a transaction would never be announced on the change feed
    expect(() => storage.notices.add).not.toThrow();
    // @ts-expect-error likewise for every repository's writing side
    expect(typeof storage.offsets.advance).toBe('function');
    // @ts-expect-error caching a fetched schema is a write too
    expect(typeof storage.schemas.put).toBe('function');
    expect(storage.schemas.waitingCount()).toBe(0);
    storage.transact((tx) => tx.notices.add(notice));
    expect(storage.notices.open()).toMatchObject([{ detail: 'a new log' }]);
    storage.close();
  });
});
