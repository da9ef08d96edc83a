/**
 * A receipt row of its own cost an order event ~20 µs of a catch-up (a random page of a second
 * B-tree written per event). An applied event's receipt now rides in its order's row, which the
 * chunk writes anyway; `order_receipts` keeps those of events not applied when received (parked,
 * queued behind a failure, waiting for enrichment) and of orders with very many events.
 */
export const sql = `
ALTER TABLE orders ADD COLUMN receipts TEXT;  -- JSON OrderReceipt[]: where and when each applied event was received
`;
