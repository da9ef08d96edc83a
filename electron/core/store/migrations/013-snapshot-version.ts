/**
 * An order's current snapshot is kept once, in its row, with the version it holds from
 * (`snapshot_version`); order_snapshots keeps only the snapshots an update replaced, so an order
 * placed and never changed writes its snapshot once instead of twice (BENCHMARKS.md). Orders stored
 * before have every snapshot in order_snapshots already: their `snapshot_version` stays NULL and
 * they are read from there as before.
 */
export const sql = `
ALTER TABLE orders ADD COLUMN snapshot_version INTEGER;
`;
