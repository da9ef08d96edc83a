/**
 * The dedupe ledger is written once per applied event: keyed by its event id in a rowid table,
 * every insert went into three B-trees (rows, the key's index, the age index). Clustered on the
 * event id (WITHOUT ROWID) it is two, and a lookup reads one.
 */
export const sql = `
CREATE TABLE applied_events_clustered (
  event_id   TEXT PRIMARY KEY,
  order_id   TEXT NOT NULL,
  applied_at INTEGER NOT NULL                   -- ms since epoch; pruned after a retention period
) STRICT, WITHOUT ROWID;
INSERT INTO applied_events_clustered (event_id, order_id, applied_at) SELECT event_id, order_id, applied_at FROM applied_events;
DROP TABLE applied_events;
ALTER TABLE applied_events_clustered RENAME TO applied_events;
CREATE INDEX applied_events_by_age ON applied_events (applied_at);
`;
