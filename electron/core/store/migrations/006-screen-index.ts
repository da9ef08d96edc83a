/**
 * Nothing on the hot path may grow with history: the screen's start and its fire-time sweep read
 * only the orders that can be on screen (open ones, recent voids) and the scheduled ones,
 * through indexes, instead of every order ever stored.
 */
export const sql = `
ALTER TABLE orders ADD COLUMN due_at TEXT;     -- the snapshot's dueAt as UTC ISO text (scheduled orders)
ALTER TABLE orders ADD COLUMN closed_at TEXT;  -- when it was completed or cancelled (UTC ISO text)
UPDATE orders SET due_at = strftime('%Y-%m-%dT%H:%M:%fZ', json_extract(snapshot, '$.dueAt')) WHERE snapshot IS NOT NULL;
UPDATE orders SET closed_at = updated_at WHERE status <> 'OPEN';
CREATE INDEX orders_by_state ON orders (status, closed_at);
CREATE INDEX orders_scheduled ON orders (due_at) WHERE due_at IS NOT NULL AND status = 'OPEN';
`;
