import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { REPORT_QUERIES } from '../store/audit-trail';
import { Storage } from '../store/storage';

/** The reports must not slow the ticket screen as history grows: every query they run is answered from an index. */
describe('report queries', () => {
  let storage: Storage | undefined;
  afterEach(() => storage?.close());

  it('read the bumps by time, an order’s log by its key, receipts and shows by time — never a scan of a whole table but the rare search', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'kds-plan-'));
    storage = Storage.open(dataDir);
    const db = new Database(join(dataDir, 'kds.db'), { readonly: true });
    const plan = (sql: string) => {
      const statement = db.prepare(`EXPLAIN QUERY PLAN ${sql}`);
      const params = Array.from({ length: (sql.match(/\?/g) ?? []).length }, () => '[]');
      return (statement.all(...params) as { detail: string }[]).map((row) => row.detail).join(' | ');
    };
    try {
      expect(plan(REPORT_QUERIES.bumpedBetween)).toMatch(/USING (COVERING )?INDEX kitchen_log_bumps/);
      expect(plan(REPORT_QUERIES.bumpsAndRecalls)).toMatch(/SEARCH kitchen_log USING PRIMARY KEY \(order_id=\?\)/);
      expect(plan(REPORT_QUERIES.receipts)).toMatch(/SEARCH order_receipts USING PRIMARY KEY \(received_at>\?\)/);
      expect(plan(REPORT_QUERIES.kitchenOf)).toMatch(/SEARCH kitchen_log USING PRIMARY KEY \(order_id=\?\)/);
      expect(plan(REPORT_QUERIES.shownAt)).toMatch(/SEARCH ticket_shown USING PRIMARY KEY \(shown_at>\?\)/);
      // The audit search scans the orders kept (bounded by retention; bench:reports times it): an index cost every order write.
      expect(plan(REPORT_QUERIES.byDisplayNumber)).toMatch(/SCAN orders/);
      const indexed = Object.entries(REPORT_QUERIES).filter(([name]) => name !== 'byDisplayNumber');
      for (const [, sql] of indexed) expect(plan(sql)).not.toMatch(/SCAN (kitchen_log|orders|order_receipts|ticket_shown)\b/);
    } finally {
      db.close();
    }
  });
});
