import { describe, expect, it } from 'vitest';
import { createQuietNote, STATUS_QUIET_MS } from './quiet-note';

describe('a status-bar note that is no news for a moment (actions waiting to send, catching up)', () => {
  it('a condition over within the quiet time is never said', () => {
    const note = createQuietNote();
    expect(note.shown(true, false, 1_000)).toBe(false);
    expect(note.shown(true, false, 1_000 + STATUS_QUIET_MS - 1)).toBe(false);
    expect(note.shown(false, false, 1_000 + STATUS_QUIET_MS)).toBe(false);
  });

  it('a condition still holding after the quiet time is said, counted from when this screen first saw it', () => {
    const note = createQuietNote();
    expect(note.shown(true, false, 1_000)).toBe(false);
    expect(note.shown(true, false, 3_000)).toBe(false);
    expect(note.shown(true, false, 1_000 + STATUS_QUIET_MS)).toBe(true);
  });

  it('urgent (actions waiting while offline), it is said at once', () => {
    expect(createQuietNote().shown(true, true, 1_000)).toBe(true);
  });

  it('once the condition ended, the next one starts its quiet time afresh', () => {
    const note = createQuietNote();
    note.shown(true, false, 0);
    expect(note.shown(true, false, STATUS_QUIET_MS)).toBe(true);
    expect(note.shown(false, false, STATUS_QUIET_MS + 1)).toBe(false);
    expect(note.shown(true, false, STATUS_QUIET_MS + 2)).toBe(false);
  });
});
