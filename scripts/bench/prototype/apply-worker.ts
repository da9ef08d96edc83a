import { parentPort, workerData } from 'node:worker_threads';
import { LeanApply, type LeanBatch } from './lean-apply';

/** The applying thread of the two-thread prototype: applies each batch it is handed and says how many records it held. */
const port = parentPort;
if (!port) throw new Error('apply-worker.ts runs as a worker thread');
const apply = new LeanApply((workerData as { dataDir: string }).dataDir);
port.on('message', (batch: LeanBatch | 'close') => {
  if (batch === 'close') {
    apply.db.close();
    port.postMessage({
      closed: true,
      applied: apply.applied,
      duplicates: apply.duplicates,
      parked: apply.parked,
      refused: apply.refused,
      applyMs: apply.applyMs,
    });
    return;
  }
  port.postMessage({ records: apply.apply(batch) });
});
