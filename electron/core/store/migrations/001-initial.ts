/** The ingest store: orders, dedupe, offsets, parking, retry queue and dead letters. */
export const sql = `
CREATE TABLE orders (
  order_id            TEXT PRIMARY KEY,
  merchant_id         TEXT NOT NULL,
  applied_version     INTEGER NOT NULL,
  status              TEXT NOT NULL,            -- OPEN | CANCELLED | COMPLETED
  snapshot            TEXT,                     -- JSON OrderSnapshot; NULL until known
  previous_snapshot   TEXT,                     -- JSON snapshot before the last update, for "what changed"
  paid                INTEGER NOT NULL DEFAULT 0,
  cancel_reason       TEXT,
  possibly_incomplete INTEGER NOT NULL DEFAULT 0,
  alert               TEXT,                     -- set when one of its events was dead-lettered
  events_applied      INTEGER NOT NULL DEFAULT 0,
  placed_at           TEXT,
  updated_at          TEXT NOT NULL,
  last_event_type     TEXT NOT NULL
) STRICT;

CREATE TABLE applied_events (
  event_id   TEXT PRIMARY KEY,
  order_id   TEXT NOT NULL,
  applied_at INTEGER NOT NULL                   -- ms since epoch; pruned after a retention period
) STRICT;
CREATE INDEX applied_events_by_age ON applied_events (applied_at);

CREATE TABLE consumer_offsets (
  topic       TEXT NOT NULL,
  partition   INTEGER NOT NULL,
  next_offset TEXT NOT NULL,                    -- Kafka offsets are 64-bit: kept as decimal text
  updated_at  INTEGER NOT NULL,
  PRIMARY KEY (topic, partition)
) STRICT;

CREATE TABLE parked_events (
  order_id  TEXT NOT NULL,
  version   INTEGER NOT NULL,
  event_id  TEXT NOT NULL,
  event     TEXT NOT NULL,                      -- JSON OrderEvent
  parked_at INTEGER NOT NULL,
  PRIMARY KEY (order_id, version)
) STRICT;
CREATE INDEX parked_events_by_age ON parked_events (parked_at);

-- Per-order FIFO: the lowest id of an order is its head; nothing behind it runs first.
CREATE TABLE retry_queue (
  id              INTEGER PRIMARY KEY AUTOINCREMENT,
  order_id        TEXT NOT NULL,
  kind            TEXT NOT NULL,                -- EVENT (waits behind the head) | ENRICH | RESOLVE_GAP
  event_id        TEXT,
  event           TEXT,                         -- JSON OrderEvent (NULL for RESOLVE_GAP)
  attempts        INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL,
  last_error      TEXT,
  created_at      INTEGER NOT NULL
) STRICT;
CREATE INDEX retry_queue_by_order ON retry_queue (order_id, id);
CREATE INDEX retry_queue_due ON retry_queue (next_attempt_at);

CREATE TABLE dead_letters (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  reason      TEXT NOT NULL,                    -- MALFORMED_JSON | SCHEMA | OVERSIZED | RETRIES_EXHAUSTED | APPLY_FAILED
  detail      TEXT NOT NULL,
  topic       TEXT,
  partition   INTEGER,
  offset      TEXT,
  order_id    TEXT,
  event_id    TEXT,
  raw         BLOB,                             -- capped copy of the record value
  raw_size    INTEGER,
  created_at  INTEGER NOT NULL
) STRICT;

CREATE TABLE counters (
  name  TEXT PRIMARY KEY,
  value INTEGER NOT NULL
) STRICT;
`;
