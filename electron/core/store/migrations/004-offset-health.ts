/**
 * Offsets are only meaningful within one log. Each stored offset keeps a fingerprint of the
 * last record applied before it, so a terminal can tell the same log from a recreated one;
 * each topic keeps the cluster it was read from; and what went wrong with a log (recreated,
 * records deleted by retention before they were read) is kept as a notice until staff
 * acknowledge it.
 */
export const sql = `
ALTER TABLE consumer_offsets ADD COLUMN last_record TEXT;        -- "<offset>|<timestamp>|<hash>" of the record before next_offset
ALTER TABLE consumer_offsets ADD COLUMN last_record_at INTEGER;  -- that record's Kafka timestamp, ms

CREATE TABLE topic_logs (
  topic         TEXT PRIMARY KEY,
  cluster_id    TEXT NOT NULL,
  first_seen_at INTEGER NOT NULL
) STRICT;

CREATE TABLE log_notices (
  id              INTEGER PRIMARY KEY AUTOINCREMENT,
  topic           TEXT NOT NULL,
  partition       INTEGER,
  kind            TEXT NOT NULL,                -- NEW_LOG | RETENTION_GAP
  detail          TEXT NOT NULL,
  lost            INTEGER,                      -- offsets that can never be read (RETENTION_GAP)
  at              INTEGER NOT NULL,
  acknowledged_at INTEGER
) STRICT;
CREATE INDEX log_notices_open ON log_notices (acknowledged_at, id);
`;
