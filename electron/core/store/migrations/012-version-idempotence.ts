/**
 * Idempotence by version (docs/DESIGN.md §3): an order's row holds the version it has applied,
 * written in the same transaction as the partition's offset, so an event at or below it is never
 * applied again — without a ledger row per event. The ledger's random event ids cost a B-tree
 * insert and a dirtied page per event (a fifth of a catch-up, BENCHMARKS.md).
 *
 * What the ledger still did is kept: an order's own row lists the ids it applied (a copy of one of
 * them is counted a duplicate, another event at an old version stale), and an order pruned by
 * retention leaves a tombstone with its version, so a re-read of old records cannot bring it back.
 * Orders pruned while the ledger still held their ids get a tombstone that covers every version
 * (their versions went with their receipts).
 */
export const sql = `
ALTER TABLE orders ADD COLUMN applied_event_ids TEXT;   -- JSON array of the event ids applied to it

UPDATE orders SET applied_event_ids = applied.ids
  FROM (SELECT order_id, json_group_array(event_id) AS ids FROM applied_events GROUP BY order_id) AS applied
  WHERE applied.order_id = orders.order_id;

CREATE TABLE order_tombstones (
  order_id        TEXT PRIMARY KEY,
  applied_version INTEGER NOT NULL,              -- events at or below it were applied before it was pruned
  forgotten_at    INTEGER NOT NULL               -- ms, this terminal's clock; pruned after a week
) STRICT, WITHOUT ROWID;
CREATE INDEX order_tombstones_by_age ON order_tombstones (forgotten_at);

INSERT INTO order_tombstones (order_id, applied_version, forgotten_at)
  SELECT order_id, 2147483647, MAX(applied_at) FROM applied_events
  WHERE order_id NOT IN (SELECT order_id FROM orders) GROUP BY order_id;

DROP TABLE applied_events;
`;
