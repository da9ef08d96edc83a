/** What cooks did on this kitchen's screens: ticket progress and struck-through lines. */
export const sql = `
CREATE TABLE ticket_state (
  order_id          TEXT PRIMARY KEY,
  started_at        TEXT,
  bumped_at         TEXT,
  void_acknowledged INTEGER NOT NULL DEFAULT 0,
  updated_at        TEXT NOT NULL
) STRICT;

CREATE TABLE item_state (
  order_id   TEXT NOT NULL,
  line_id    TEXT NOT NULL,
  done_at    TEXT NOT NULL,
  PRIMARY KEY (order_id, line_id)
) STRICT;
`;
