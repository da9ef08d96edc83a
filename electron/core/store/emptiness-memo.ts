/**
 * Whether a table is empty, remembered by the connection that writes it: nearly every event of a
 * catch-up asks whether its order waits in the retry queue or has parked successors, of tables that
 * almost always hold nothing (a query each was 5 % of the apply). An insert makes it non-empty, a
 * delete makes it unknown (counted again when next asked), a rollback forgets it. A read-only
 * connection does not remember: another process writes what it reads.
 */
export class EmptinessMemo {
  private state: 'empty' | 'not-empty' | 'unknown' = 'unknown';

  constructor(
    private readonly enabled: boolean,
    private readonly count: () => number,
  ) {}

  /** True only when the table is known to hold no row. */
  isEmpty(): boolean {
    if (!this.enabled) return false;
    if (this.state === 'unknown') this.state = this.count() === 0 ? 'empty' : 'not-empty';
    return this.state === 'empty';
  }

  inserted(): void {
    this.state = 'not-empty';
  }

  /** A row was deleted, or the transaction rolled back: counted again when next asked. */
  forget(): void {
    this.state = 'unknown';
  }
}
