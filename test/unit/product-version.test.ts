import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { KDS_VERSION } from '../../shared/product';

describe('the version a terminal reports', () => {
  it("is package.json's", () => {
    expect(KDS_VERSION).toBe((JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version);
  });
});
