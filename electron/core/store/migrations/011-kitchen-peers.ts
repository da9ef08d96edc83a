/**
 * Kitchen peers (docs/DESIGN.md §3): the terminals this one is paired with on the kitchen's LAN,
 * and its own kitchen events in the order it made them, so each peer is sent what it has not
 * confirmed — after a restart or a cut too. Peers' events are not kept here: they are applied
 * (kitchen_log holds them by id, which makes a second copy a duplicate) and Kafka brings them later.
 */
export const sql = `
CREATE TABLE peer_log (
  seq        INTEGER PRIMARY KEY AUTOINCREMENT,  -- the order this terminal made them in
  event      TEXT NOT NULL,                      -- JSON KitchenEvent, as in the outbox
  created_at INTEGER NOT NULL                    -- ms, this terminal's clock
) STRICT;
CREATE INDEX peer_log_created ON peer_log (created_at);

CREATE TABLE kitchen_peers (
  terminal_id   TEXT PRIMARY KEY,
  url           TEXT NOT NULL,                   -- where it listens for peers
  call_token    TEXT NOT NULL,                   -- what this terminal presents to it
  accept_digest TEXT NOT NULL,                   -- SHA-256 of what it presents to this terminal
  paired_at     INTEGER NOT NULL,
  acked_seq     INTEGER NOT NULL DEFAULT 0       -- own events up to here it has confirmed
) STRICT, WITHOUT ROWID;
`;
