/**
 * Kitchen intelligence: when a cook fired a course early, and the terminal's own log of what it
 * received (partition and offset), showed, and what every terminal of the kitchen did.
 *
 * A catch-up writes the receipt log once per event: keyed by order it put a random page in every
 * write (~20 µs an event, measured), so receipts and first shows are keyed by time and appended;
 * an order's are found from its placing time on, and history leaves by time in one range delete.
 * Kitchen events are few: they are keyed by order. Bumps are indexed by time for the
 * speed-of-service figures. An order keeps its display number (for the audit search, a scan of
 * a table bounded by retention), channel and stations (the figures read no snapshot), and when it
 * was last modified (item timing is recomputed from then).
 */
export const sql = `
CREATE TABLE course_fires (
  order_id TEXT NOT NULL,
  course   INTEGER NOT NULL,
  fired_at TEXT NOT NULL,                       -- earliest early fire seen (UTC ISO)
  PRIMARY KEY (order_id, course)
) STRICT, WITHOUT ROWID;

CREATE TABLE order_receipts (
  received_at INTEGER NOT NULL,                 -- ms, this terminal's clock
  event_id    TEXT NOT NULL,
  order_id    TEXT NOT NULL,
  version     INTEGER NOT NULL,
  type        TEXT NOT NULL,
  topic       TEXT NOT NULL,
  partition   INTEGER NOT NULL,
  offset      TEXT NOT NULL,
  occurred_at TEXT NOT NULL,                    -- the producer's time, as sent
  PRIMARY KEY (received_at, event_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE kitchen_log (
  order_id    TEXT NOT NULL,
  event_id    TEXT NOT NULL,
  type        TEXT NOT NULL,
  station     TEXT,                             -- NULL: the whole ticket (expo)
  line_id     TEXT,
  course      INTEGER,
  terminal_id TEXT NOT NULL,
  occurred_at TEXT NOT NULL,                    -- UTC ISO, the acting terminal's clock
  received_at INTEGER NOT NULL,                 -- ms, when this terminal had it
  PRIMARY KEY (order_id, event_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX kitchen_log_bumps ON kitchen_log (occurred_at) WHERE type = 'TICKET_BUMPED';

CREATE TABLE ticket_shown (
  shown_at INTEGER NOT NULL,                    -- ms, when this terminal's screen showed it (first, and after each restart)
  order_id TEXT NOT NULL,
  PRIMARY KEY (shown_at, order_id)
) STRICT, WITHOUT ROWID;

ALTER TABLE orders ADD COLUMN modified_at TEXT;     -- trusted time of its last ORDER_UPDATED with a snapshot
ALTER TABLE orders ADD COLUMN display_number TEXT;  -- the snapshot's display number
ALTER TABLE orders ADD COLUMN channel TEXT;         -- the snapshot's channel
ALTER TABLE orders ADD COLUMN stations TEXT;        -- JSON array of the stations with lines on it, in name order
UPDATE orders SET display_number = json_extract(snapshot, '$.displayNumber'), channel = json_extract(snapshot, '$.channel'),
  stations = (SELECT json_group_array(station) FROM (SELECT DISTINCT json_extract(item.value, '$.station') AS station
    FROM json_each(snapshot, '$.items') AS item ORDER BY station))
  WHERE snapshot IS NOT NULL;
`;
