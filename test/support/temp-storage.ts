import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Storage } from '../../electron/core/store/storage';

/** A terminal database in a fresh temporary folder: a real SQLite file, as the product uses it. */
export function tempStorage(): Storage {
  return Storage.open(mkdtempSync(join(tmpdir(), 'kds-unit-')));
}
