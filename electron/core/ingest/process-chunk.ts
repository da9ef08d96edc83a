import type { Storage, Tx } from '../store/storage';
import { isPassedOver, type ChunkItem } from './batch-items';
import type { IncomingRecord } from './decode-record';
import { recordFingerprint } from './record-fingerprint';

/** Records between two looks at the clock: a few microseconds each, so a chunk overruns its budget by well under a millisecond. */
const CLOCK_EVERY = 16;

/** Applies one record of a topic inside the chunk's transaction and names what happened. */
export type RecordHandler = (tx: Tx, record: IncomingRecord, now: number) => string;

/**
 * Applies the head of `records` (one partition, in offset order; a run passed over is only
 * counted) in one transaction together with the next offset (replayable: a power cut undoes both,
 * and the records are read again), stopping once `budgetMs` is spent so the event loop is never
 * blocked for long. Outcomes are counted as `<counterPrefix>.<outcome>`.
 */
export function processChunk(
  storage: Storage,
  records: readonly ChunkItem[],
  handle: RecordHandler,
  counterPrefix: string,
  now: number,
  budgetMs = Infinity,
  elapsed: () => number = () => performance.now(),
): { taken: number; counts: Map<string, number> } {
  return storage.transact(
    (tx) => {
      // Runs again from the start if an optimistic attempt is undone (storage.ts): nothing kept from before.
      const counts = new Map<string, number>();
      let taken = 0;
      const deadline = elapsed() + budgetMs;
      for (const record of records) {
        if (isPassedOver(record)) counts.set(record.outcome, (counts.get(record.outcome) ?? 0) + record.passedOver);
        else {
          const outcome = handle(tx, record, now);
          counts.set(outcome, (counts.get(outcome) ?? 0) + 1);
        }
        taken += 1;
        // Reading the clock after every record is measurable on a drain of skipped records (BENCHMARKS.md).
        if (taken % CLOCK_EVERY === 0 && elapsed() >= deadline) break;
      }
      const last = records[taken - 1];
      if (last) tx.offsets.advance(last.topic, last.partition, (BigInt(last.offset) + 1n).toString(), now, recordFingerprint(last));
      tx.counters.bump(new Map([...counts].map(([outcome, n]) => [`${counterPrefix}.${outcome}`, n])));
      // The offsets moved: lag on the status bar changes.
      tx.changes.status = true;
      return { taken, counts };
    },
    'replayable',
    'optimistic',
  );
}
