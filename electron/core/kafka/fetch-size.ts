/**
 * A fetch's response limit while the terminal keeps what it reads: each record it applies lives
 * through the chunks of its batch, and 2-MB fetches peaked at 229–245 MB RSS in a 200,000-event
 * catch-up against 155–161 MB at 512 KB, as fast (BENCHMARKS.md "Memory while catching up").
 */
export const KEEPING_FETCH_BYTES = 512 * 1024;

/**
 * The limit while nearly every record read is another merchant's, passed over within the batch:
 * a response then dies young whatever its size, and each fetch is a round trip the drain waits
 * for. One merchant among 500 drained 15 % faster with 1 MB than with 512 KB, 2 MB was slower
 * than either (BENCHMARKS.md "Fifth look").
 */
export const PASSING_FETCH_BYTES = 1024 * 1024;

/** At most one record in this many kept: the records mostly pass through. */
const PASSING_RATIO = 8;

/**
 * The size of the next fetch, from what the terminal did with the last batch it read: large while
 * it passes over nearly all it reads, small as soon as it keeps records (its own merchant's
 * catch-up, a topic of its own). kafkajs asks before every fetch (patches/kafkajs+2.2.4.patch).
 */
export class FetchSize {
  private bytes = KEEPING_FETCH_BYTES;

  /** A batch of `read` records of which `kept` are this terminal's to apply. */
  noteBatch(read: number, kept: number): void {
    if (read === 0) return;
    this.bytes = kept * PASSING_RATIO <= read ? PASSING_FETCH_BYTES : KEEPING_FETCH_BYTES;
  }

  /** For kafkajs' `fetchMaxBytes`. */
  readonly next = (): number => this.bytes;
}
