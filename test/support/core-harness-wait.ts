import type { Terminal } from '../../electron/core/app/terminal';
import { waitFor } from './core-harness';

/** Every record of a fresh topic consumed (offsets cover `records`) and nothing left parked or queued. */
export async function waitUntilDrained(
  terminal: Pick<Terminal, 'status'>,
  records: number,
  timeoutMs = 60_000,
  allowPending = false,
): Promise<void> {
  await waitFor(
    `all ${records} records consumed`,
    () => {
      const status = terminal.status();
      const consumed = status.lag.reduce((sum, p) => sum + Number(p.nextOffset ?? 0), 0);
      if (consumed < records) return false;
      if (allowPending) return true;
      return status.retryDepth === 0 && status.parked === 0;
    },
    timeoutMs,
  );
}
