/**
 * A bump covers the version of the order that was on screen: a later change brings the ticket
 * back with only what changed. Each scope remembers the version it bumped, and each order the
 * snapshot it had at each version that changed it, so "what changed since the bump" can be shown.
 */
export const sql = `
ALTER TABLE ticket_progress ADD COLUMN bumped_version INTEGER;

CREATE TABLE order_snapshots (
  order_id TEXT NOT NULL,
  version  INTEGER NOT NULL,
  snapshot TEXT NOT NULL,                       -- JSON OrderSnapshot as of this version
  PRIMARY KEY (order_id, version)
) STRICT;
`;
