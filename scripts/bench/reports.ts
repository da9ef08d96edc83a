import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { auditTimeline } from '../../electron/core/app/audit-timeline';
import { localDay, speedOfService, speedOfServiceCsv } from '../../electron/core/app/speed-of-service';
import { applyEvent } from '../../electron/core/ingest/apply-event';
import { Storage } from '../../electron/core/store/storage';
import { simulateService } from '../simulator/service-simulator';

/**
 * `npm run bench:reports [-- ORDERS_PER_DAY]`: fills a terminal's database with 8 days of a busy
 * service (orders, receipts, every kitchen event) and times what the reports screen asks the
 * core for — they run on the core's thread, so this is how long a ticket update could wait
 * behind them. A script that prints figures, not a test.
 */
const perDay = Number(process.argv[2] ?? 1_500);
if (!Number.isInteger(perDay) || perDay < 10) {
  console.error('usage: npm run bench:reports -- [ORDERS_PER_DAY >= 10]');
  process.exit(2);
}
const dataDir = mkdtempSync(join(tmpdir(), 'kds-reports-bench-'));
const storage = Storage.open(dataDir);
try {
  const day = localDay(Date.now() - 24 * 3600_000);
  const days = Array.from({ length: 8 }, (_, i) => localDay(Date.now() - (8 - i) * 24 * 3600_000));
  const { orders, kitchen } = simulateService({ merchantId: 'm-1', days, ordersPerDay: perDay, until: Date.now() });
  const filling = performance.now();
  for (let start = 0; start < orders.length; start += 1_000) {
    storage.transact((tx) => {
      for (const [index, event] of orders.slice(start, start + 1_000).entries()) {
        tx.orders.save(applyEvent(tx.orders.get(event.orderId), event));
        tx.audit.received(event, { topic: 'bench.orders', partition: 0, offset: String(start + index) }, Date.parse(event.occurredAt));
      }
    }, 'replayable');
  }
  for (let start = 0; start < kitchen.length; start += 1_000) {
    storage.transact((tx) => {
      for (const event of kitchen.slice(start, start + 1_000)) {
        tx.audit.kitchen(event, Date.parse(event.occurredAt));
        tx.kitchen.apply(event);
      }
    }, 'replayable');
  }
  const filledMs = performance.now() - filling;
  const time = async <T>(work: () => T | Promise<T>): Promise<{ ms: number; blockedMs: number; value: T }> => {
    const runs: number[] = [];
    const blocks: number[] = [];
    let value: T | undefined;
    for (let i = 0; i < 5; i += 1) {
      // The longest the event loop waited meanwhile: how long a ticket update could be held up.
      const loop = monitorEventLoopDelay({ resolution: 1 });
      loop.enable();
      const started = performance.now();
      value = await work();
      runs.push(performance.now() - started);
      loop.disable();
      blocks.push(loop.max / 1e6);
    }
    runs.sort((a, b) => a - b);
    blocks.sort((a, b) => a - b);
    return { ms: runs[2] ?? 0, blockedMs: blocks[2] ?? 0, value: value as T };
  };
  const figures = await time(() => speedOfService(storage, { day, warnMinutes: 12, lateMinutes: 18, retentionDays: 8 }));
  const csv = await time(() => speedOfServiceCsv(storage, day, 18));
  const someOrder = orders[Math.floor(orders.length * 0.9)];
  const displayNumber = someOrder?.order?.displayNumber ?? 'A1';
  const search = await time(() => storage.audit.find(displayNumber));
  const timeline = await time(() => auditTimeline(storage, someOrder?.orderId ?? '', 'expo-1'));
  console.log(
    `history: ${orders.length} order events, ${kitchen.length} kitchen events over 8 days (filled in ${Math.round(filledMs)} ms)`,
  );
  console.log(
    `speed of service for ${day}: ${figures.ms.toFixed(1)} ms (median of 5), the event loop held at most ${figures.blockedMs.toFixed(1)} ms at a time — ${figures.value.today.tickets} tickets that day, ${figures.value.lastSevenDays.tickets} the 7 before`,
  );
  console.log(`CSV of the day: ${csv.ms.toFixed(1)} ms (held at most ${csv.blockedMs.toFixed(1)} ms), ${csv.value.rows} rows`);
  console.log(`audit search "${displayNumber}": ${search.ms.toFixed(2)} ms, ${search.value.length} orders`);
  console.log(`audit timeline: ${timeline.ms.toFixed(2)} ms, ${timeline.value?.entries.length ?? 0} entries`);
} finally {
  storage.close();
  rmSync(dataDir, { recursive: true, force: true });
}
