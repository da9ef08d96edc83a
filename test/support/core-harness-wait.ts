import type { KdsCore } from '../../electron/core/kds-core';
import { waitFor } from './core-harness';

/** Every record of a fresh topic consumed (offsets cover `records`) and nothing left parked or queued. */
export async function waitUntilDrained(core: KdsCore, records: number, timeoutMs = 60_000, allowPending = false): Promise<void> {
  await waitFor(
    `all ${records} records consumed`,
    () => {
      const consumed = core.store.offsets(core.config.topics.orders).reduce((sum, o) => sum + Number(o.nextOffset), 0);
      if (consumed < records) return false;
      if (allowPending) return true;
      return core.store.queueDepth() === 0 && core.store.parkedCount() === 0;
    },
    timeoutMs,
  );
}
