import { setFlagsFromString } from 'node:v8';

/** The V8 flag that turns allocation-site pretenuring off (`node --v8-options` lists it). */
export const PRETENURING_FLAG = 'allocation-site-pretenuring';

/**
 * Keeps the records a fetch decodes in the young generation. V8 moves an allocation site to
 * allocate straight into the old space once enough of its objects survive a scavenge; kafkajs'
 * record decoding qualifies during a catch-up (a batch is still being applied when the next
 * scavenge runs), and from then on every decoded record of every batch became old-space garbage
 * that only a mark-compact frees. A routed terminal's catch-up of 200,000 records peaked at
 * 302-326 MB RSS with it and 192-195 MB without, and drained about 30 % faster (BENCHMARKS.md).
 * The flag is the process's: set before the consumers start, it applies to every thread.
 */
export function keepDecodedRecordsYoung(): void {
  setFlagsFromString(`--no-${PRETENURING_FLAG}`);
}
