import { describe, expect, it } from 'vitest';
import { newClusterId } from '../../scripts/kafka/local-broker';

describe('local broker cluster id', () => {
  it('never starts with "-" (kafka-storage would read it as an option and refuse to format)', () => {
    // One raw random id in 64 starts with "-": 2,000 draws would hit it almost surely.
    const ids = Array.from({ length: 2_000 }, () => newClusterId());
    expect(ids.filter((id) => id.startsWith('-'))).toEqual([]);
    expect(ids.every((id) => /^[A-Za-z0-9_-]{22}$/.test(id))).toBe(true);
  });
});
