/**
 * Kitchen peers (docs/DESIGN.md §3): this terminal's own kitchen events in the order it made
 * them, and how far each paired peer confirmed them, so each peer is sent what it lacks — after
 * a restart or a cut too. Who the peers are is kept beside the database (kitchen-peers.json), so
 * a database rebuilt empty still knows them and gets its orders back from them. Peers' events are
 * not kept here: they are applied (kitchen_log holds them by id, which makes a second copy a
 * duplicate) and Kafka brings them later.
 */
export const sql = `
CREATE TABLE peer_log (
  seq        INTEGER PRIMARY KEY AUTOINCREMENT,  -- the order this terminal made them in
  event      TEXT NOT NULL,                      -- JSON KitchenEvent, as in the outbox
  created_at INTEGER NOT NULL                    -- ms, this terminal's clock
) STRICT;
CREATE INDEX peer_log_created ON peer_log (created_at);

-- A bump's order version, so a terminal rebuilt empty gets the kitchen's state back from a peer's log exactly.
ALTER TABLE kitchen_log ADD COLUMN order_version INTEGER;

CREATE TABLE peer_cursors (
  terminal_id TEXT PRIMARY KEY,
  acked_seq   INTEGER NOT NULL                   -- own events up to here the peer has confirmed
) STRICT, WITHOUT ROWID;
`;
