import { appendFileSync } from 'node:fs';
import type { IncomingRecord } from '../ingest/decode-record';

/**
 * `npm run bench` splits produce → screen into hops: with `KDS_HOP_TRACE` naming a file, the core
 * appends when each live record reached its consumer and when its transaction committed, one JSON
 * line per record (its key: the order id). Off unless set; nothing of an order's content is written.
 */
const traceFile = process.env.KDS_HOP_TRACE;

export interface HopStamp {
  key: string;
  fetchedAt: number;
  committedAt: number;
}

export const hopTraceEnabled = traceFile !== undefined && traceFile !== '';

export function traceHops(records: readonly IncomingRecord[], fetchedAt: number, committedAt: number): void {
  if (!traceFile) return;
  const lines = records.map((record) =>
    JSON.stringify({ key: record.key?.toString('utf8') ?? '', fetchedAt, committedAt } satisfies HopStamp),
  );
  appendFileSync(traceFile, `${lines.join('\n')}\n`);
}
