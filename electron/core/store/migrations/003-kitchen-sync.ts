/**
 * Kitchen state shared by the screens of one kitchen. Progress is kept per order and scope
 * ('' = the whole ticket, as expo bumps it; otherwise one station's part) as last-writer-wins
 * registers stamped "<occurredAt>|<eventId>", so terminals applying the same kitchen events
 * in any order, twice or with their own echoes, end in the same state. Local actions wait in
 * the outbox until they are on the kitchen-events topic.
 */
export const sql = `
CREATE TABLE ticket_progress (
  order_id          TEXT NOT NULL,
  scope             TEXT NOT NULL,
  started_at        TEXT,                      -- earliest start seen
  bumped            INTEGER NOT NULL DEFAULT 0,
  bump_stamp        TEXT NOT NULL DEFAULT '',  -- stamp of the bump or recall that set bumped
  void_acknowledged INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (order_id, scope)
) STRICT;

CREATE TABLE line_progress (
  order_id TEXT NOT NULL,
  line_id  TEXT NOT NULL,
  done     INTEGER NOT NULL,
  stamp    TEXT NOT NULL,
  PRIMARY KEY (order_id, line_id)
) STRICT;

CREATE TABLE outbox (
  id         INTEGER PRIMARY KEY AUTOINCREMENT,  -- publishing order
  event_id   TEXT NOT NULL UNIQUE,
  order_id   TEXT NOT NULL,
  event      TEXT NOT NULL,                      -- JSON KitchenEvent, exactly as it is published
  created_at INTEGER NOT NULL,
  attempts   INTEGER NOT NULL DEFAULT 0,
  last_error TEXT
) STRICT;

INSERT INTO ticket_progress (order_id, scope, started_at, bumped, bump_stamp, void_acknowledged)
  SELECT order_id, '', started_at, bumped_at IS NOT NULL, COALESCE(bumped_at, ''), void_acknowledged FROM ticket_state;
INSERT INTO line_progress (order_id, line_id, done, stamp) SELECT order_id, line_id, 1, done_at FROM item_state;
DROP TABLE ticket_state;
DROP TABLE item_state;
`;
