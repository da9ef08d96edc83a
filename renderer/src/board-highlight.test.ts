import { describe, expect, it } from 'vitest';
import type { GuestBoard } from '../../shared/guest-board';
import { READY_HIGHLIGHT_MS, ReadyHighlights } from './board-highlight';

const board = (preparing: string[], ready: string[]): GuestBoard => ({
  at: '2026-12-04T12:00:00.000Z',
  preparing: preparing.map((number) => ({ number })),
  ready: ready.map((number) => ({ number, readyAt: '2026-12-04T12:00:00.000Z' })),
});

describe('numbers turning ready on the guest board', () => {
  it('the first board calls no number (a board reloaded mid-service), a number moving to Ready is called once', () => {
    const highlights = new ReadyHighlights();
    expect(highlights.update(board(['12'], ['10', '11']), 0)).toEqual([]);
    expect(highlights.highlighted('10', 0)).toBe(false);
    expect(highlights.update(board([], ['12', '10', '11']), 1_000)).toEqual(['12']);
    expect(highlights.update(board([], ['12', '10', '11']), 2_000)).toEqual([]);
  });

  it('a called number is highlighted for a while, then shown like the others', () => {
    const highlights = new ReadyHighlights();
    highlights.update(board(['12'], []), 0);
    highlights.update(board([], ['12']), 1_000);
    expect(highlights.highlighted('12', 1_000 + READY_HIGHLIGHT_MS - 1)).toBe(true);
    expect(highlights.highlighted('12', 1_000 + READY_HIGHLIGHT_MS)).toBe(false);
  });

  it('a number that left Ready (picked up) and comes back (recalled, bumped again) is called again', () => {
    const highlights = new ReadyHighlights();
    highlights.update(board(['7'], []), 0);
    highlights.update(board([], ['7']), 1);
    highlights.update(board([], []), 2);
    expect(highlights.update(board([], ['7']), 3)).toEqual(['7']);
  });
});
