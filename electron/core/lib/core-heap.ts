import { setFlagsFromString } from 'node:v8';
import type { ResourceLimits } from 'node:worker_threads';

/** The V8 flag that turns allocation-site pretenuring off (`node --v8-options` lists it). */
export const PRETENURING_FLAG = 'allocation-site-pretenuring';
/** The V8 flag that sets how far the old generation may grow past what a mark-compact kept. */
export const HEAP_GROWING_FLAG = 'heap-growing-percent';

/**
 * The old generation may grow to 1.4 times what the last mark-compact kept. V8's own factor
 * (up to 4 when collecting looks cheap) let an own-merchant catch-up of 200,000 records pile
 * 150 MB of old-space garbage on about 45 MB of live objects: 283-354 MB peak RSS (BENCHMARKS.md).
 */
export const CORE_HEAP_GROWING_PERCENT = 40;

/**
 * The core thread's young generation: 24 MB, half of V8's default here. With the growing factor
 * above, an own-merchant catch-up of 200,000 records peaks at 191-199 MB RSS (283-354 without
 * either); one merchant among 500 and routed mode drain 5-17 % slower (BENCHMARKS.md, fourth look).
 */
export const CORE_RESOURCE_LIMITS: ResourceLimits = { maxYoungGenerationSizeMb: 24 };

/**
 * Shapes the heap for a catch-up, from the core's thread before its consumers start. The flags
 * are the process's, so they apply to every thread (the Electron main's small heap included).
 *
 * Pretenuring off keeps the records a fetch decodes young: V8 moves an allocation site to
 * allocate straight into the old space once enough of its objects survive a scavenge; kafkajs'
 * record decoding qualifies during a catch-up (a batch is still being applied when the next
 * scavenge runs), and from then on every decoded record of every batch became old-space garbage
 * that only a mark-compact frees. A routed terminal's catch-up of 200,000 records peaked at
 * 302-326 MB RSS with it and 192-195 MB without, and drained about 30 % faster.
 */
export function shapeCoreHeap(): void {
  setFlagsFromString(`--no-${PRETENURING_FLAG}`);
  setFlagsFromString(`--${HEAP_GROWING_FLAG}=${CORE_HEAP_GROWING_PERCENT}`);
}
