/**
 * Kitchen intelligence: when a cook fired a course early; the terminal's own log of what it
 * received (partition and offset) and showed, and of every kitchen event from any terminal —
 * each clustered by order, so an order's audit timeline is one range read and pruning an order
 * is one range delete. Bumps are indexed by time for the speed-of-service figures, and orders
 * by display number for the audit search. An order remembers when it was last modified, so item
 * timing is recomputed from then.
 */
export const sql = `
CREATE TABLE course_fires (
  order_id TEXT NOT NULL,
  course   INTEGER NOT NULL,
  fired_at TEXT NOT NULL,                       -- earliest early fire seen (UTC ISO)
  PRIMARY KEY (order_id, course)
) STRICT, WITHOUT ROWID;

CREATE TABLE order_receipts (
  order_id    TEXT NOT NULL,
  event_id    TEXT NOT NULL,
  version     INTEGER NOT NULL,
  type        TEXT NOT NULL,
  topic       TEXT NOT NULL,
  partition   INTEGER NOT NULL,
  offset      TEXT NOT NULL,
  occurred_at TEXT NOT NULL,                    -- the producer's time, as sent
  received_at INTEGER NOT NULL,                 -- ms, this terminal's clock
  PRIMARY KEY (order_id, event_id)
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
  order_id TEXT PRIMARY KEY,
  shown_at INTEGER NOT NULL                     -- ms, first time this terminal's screen showed it
) STRICT, WITHOUT ROWID;

ALTER TABLE orders ADD COLUMN modified_at TEXT;  -- trusted time of its last ORDER_UPDATED with a snapshot
CREATE INDEX orders_by_display_number ON orders (json_extract(snapshot, '$.displayNumber'));
`;
