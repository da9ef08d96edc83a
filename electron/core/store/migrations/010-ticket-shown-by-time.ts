/**
 * First shows keyed by order id put a random page of the table in every flush of a catch-up (~10 %
 * of its throughput, measured). Keyed by time they are appended; an order's first show is found
 * from its first receipt onwards, and history leaves by time.
 */
export const sql = `
DROP TABLE ticket_shown;
CREATE TABLE ticket_shown (
  shown_at INTEGER NOT NULL,                    -- ms, when this terminal's screen showed it (first, and after each restart)
  order_id TEXT NOT NULL,
  PRIMARY KEY (shown_at, order_id)
) STRICT, WITHOUT ROWID;
`;
