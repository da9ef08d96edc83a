import type { GuestBoard } from '../../shared/guest-board';

/** A number that just turned ready is highlighted this long (guests look up when the chime sounds). */
export const READY_HIGHLIGHT_MS = 30_000;

/**
 * Which ready numbers are new, and since when (this screen's clock): a number is new when it was
 * not ready on the previous board. The first board of a page chimes for nothing (a board reloaded
 * in the middle of service must not call every number again).
 */
export class ReadyHighlights {
  private known: Set<string> | undefined;
  private readonly since = new Map<string, number>();

  /** Takes a new board; answers the numbers that turned ready with it. */
  update(board: GuestBoard, now: number): string[] {
    const ready = board.ready.map((entry) => entry.number);
    const fresh = this.known === undefined ? [] : ready.filter((number) => !this.known?.has(number));
    this.known = new Set(ready);
    for (const number of fresh) this.since.set(number, now);
    for (const number of this.since.keys()) if (!this.known.has(number)) this.since.delete(number);
    return fresh;
  }

  highlighted(number: string, now: number): boolean {
    const since = this.since.get(number);
    return since !== undefined && now - since < READY_HIGHLIGHT_MS;
  }
}
