import { describe, expect, it } from 'vitest';
import { FetchSize, KEEPING_FETCH_BYTES, PASSING_FETCH_BYTES } from './fetch-size';

describe('the size of the next fetch', () => {
  it('starts small: the first fetch of a terminal may be all its own records', () => {
    expect(new FetchSize().next()).toBe(KEEPING_FETCH_BYTES);
  });

  it('grows while nearly every record read is passed over, and shrinks as soon as records are kept again', () => {
    const size = new FetchSize();
    size.noteBatch(1_000, 0);
    expect(size.next()).toBe(PASSING_FETCH_BYTES);
    // One merchant among ten on its partition (routed mode): still passing through.
    size.noteBatch(1_000, 100);
    expect(size.next()).toBe(PASSING_FETCH_BYTES);
    size.noteBatch(1_000, 400);
    expect(size.next()).toBe(KEEPING_FETCH_BYTES);
    size.noteBatch(1_000, 1_000);
    expect(size.next()).toBe(KEEPING_FETCH_BYTES);
  });

  it('an empty batch changes nothing', () => {
    const size = new FetchSize();
    size.noteBatch(500, 0);
    size.noteBatch(0, 0);
    expect(size.next()).toBe(PASSING_FETCH_BYTES);
  });
});
