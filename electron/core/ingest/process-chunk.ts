import type { IngestStore } from '../store/ingest-store';
import type { IncomingRecord } from './decode-record';

/** Applies one record of a topic inside the chunk's transaction and names what happened. */
export type RecordHandler = (record: IncomingRecord, now: number) => string;

/**
 * Applies the head of `records` (one partition, in offset order) in one transaction together
 * with the next offset, stopping once `budgetMs` is spent so the event loop (Electron's main
 * thread) is never blocked for long. Outcomes are counted as `<counterPrefix>.<outcome>`.
 */
export function processChunk(
  store: IngestStore,
  records: IncomingRecord[],
  handle: RecordHandler,
  counterPrefix: string,
  now: number,
  budgetMs = Infinity,
): { taken: number; counts: Map<string, number> } {
  const counts = new Map<string, number>();
  let taken = 0;
  store.db.transaction(() => {
    const deadline = performance.now() + budgetMs;
    for (const record of records) {
      const outcome = handle(record, now);
      counts.set(outcome, (counts.get(outcome) ?? 0) + 1);
      taken += 1;
      if (performance.now() >= deadline) break;
    }
    const last = records[taken - 1];
    if (last) {
      const next = (BigInt(last.offset) + 1n).toString();
      const stored = store.nextOffset(last.topic, last.partition);
      if (stored === undefined || BigInt(next) > BigInt(stored)) store.setNextOffset(last.topic, last.partition, next, now);
    }
    store.bumpCounters(new Map([...counts].map(([outcome, n]) => [`${counterPrefix}.${outcome}`, n])));
  })();
  return { taken, counts };
}
