import type { AuditEntry, AuditTimeline } from '../../../shared/reports';
import type { KitchenLogRow, ReceiptRow } from '../store/audit-trail';
import type { Storage } from '../store/storage';

/** Later than this after it happened, an entry says when it reached this terminal (it was offline, or another was). */
const LATE_ARRIVAL_MS = 10_000;

const ORDER_EVENT_LABEL: Record<string, string> = {
  ORDER_PLACED: 'placed',
  ORDER_UPDATED: 'modified',
  ORDER_PAID: 'paid',
  ORDER_CANCELLED: 'voided (cancelled)',
  ORDER_COMPLETED: 'completed',
};
const KITCHEN_LABEL: Record<string, string> = {
  TICKET_STARTED: 'started',
  TICKET_BUMPED: 'bumped',
  TICKET_RECALLED: 'recalled',
  ITEM_DONE: 'item done',
  ITEM_UNDONE: 'item undone',
  VOID_ACKNOWLEDGED: 'void acknowledged',
  COURSE_FIRED: 'course fired',
  ORDER_ANSWERED: 'answered',
  TICKET_RENDERED: 'rendered',
  TICKET_SHOWN: 'platform told: shown',
  ORDER_ACCEPTED: 'platform told: accepted',
  ORDER_REJECTED: 'platform told: rejected',
  PREP_TIME_UPDATED: 'platform told: new prep time',
  ORDER_READY: 'platform told: ready',
};
/** Same instant: what caused what comes first. */
const RANK: Record<string, number> = { RECEIVED: 0, SHOWN: 1 };

/** An order's audit trail on this terminal: its receipts, its first show here, and the kitchen's actions from every terminal. */
export function auditTimeline(storage: Storage, orderId: string, terminalId: string): AuditTimeline | undefined {
  const match = storage.audit.order(orderId);
  if (!match) return undefined;
  const order = storage.orders.get(orderId);
  const lineName = (lineId: string | null) => {
    const item = order?.snapshot?.items.find((candidate) => candidate.lineId === lineId);
    return item ? `${item.quantity}× ${item.name}` : lineId;
  };
  const arrived = (happened: number, receivedAt: number) =>
    receivedAt - happened > LATE_ARRIVAL_MS ? new Date(receivedAt).toISOString() : null;
  const received = (row: ReceiptRow): [AuditEntry, number] => {
    // The producer's time, never after it reached this terminal (a clock ahead would put it after what it caused).
    const happened = Math.min(Date.parse(row.occurred_at), row.received_at);
    return [
      {
        at: new Date(happened).toISOString(),
        kind: 'RECEIVED',
        label: `${ORDER_EVENT_LABEL[row.type] ?? row.type} (v${row.version})`,
        terminalId: null,
        station: null,
        detail: `${row.topic} partition ${row.partition}, offset ${row.offset}`,
        arrivedAt: arrived(happened, row.received_at),
      },
      row.version,
    ];
  };
  const kitchen = (row: KitchenLogRow): [AuditEntry, number] => {
    const happened = Date.parse(row.occurred_at);
    const what =
      row.type === 'ITEM_DONE' || row.type === 'ITEM_UNDONE'
        ? `${KITCHEN_LABEL[row.type]}: ${lineName(row.line_id)}`
        : row.type === 'COURSE_FIRED'
          ? `course ${row.course ?? '?'} fired`
          : (KITCHEN_LABEL[row.type] ?? row.type);
    return [
      {
        at: row.occurred_at,
        kind: row.type,
        label: what,
        terminalId: row.terminal_id,
        station: row.station,
        detail: null,
        arrivedAt: row.terminal_id === terminalId ? null : arrived(happened, row.received_at),
      },
      0,
    ];
  };
  // Receipts are kept by time: an order's are read from a day before it was placed (a producer's clock may run ahead).
  const since = match.placedAt ? Date.parse(match.placedAt) - 24 * 3600_000 : 0;
  const receipts = new Map(storage.audit.receipts(orderId, since).map((row) => [row.event_id, row]));
  const entries: [AuditEntry, number][] = [...[...receipts.values()].map(received), ...storage.audit.kitchenOf(orderId).map(kitchen)];
  const firstReceipt = Math.min(...[...receipts.values()].map((row) => row.received_at));
  const shownAt = storage.audit.shownAt(orderId, Number.isFinite(firstReceipt) ? firstReceipt : 0);
  if (shownAt !== undefined) {
    entries.push([
      {
        at: new Date(shownAt).toISOString(),
        kind: 'SHOWN',
        label: 'shown on this screen',
        terminalId,
        station: null,
        detail: null,
        arrivedAt: null,
      },
      0,
    ]);
  }
  entries.sort(
    ([a, versionA], [b, versionB]) =>
      a.at.localeCompare(b.at) || (RANK[a.kind] ?? 2) - (RANK[b.kind] ?? 2) || versionA - versionB || a.label.localeCompare(b.label),
  );
  return { order: match, entries: entries.map(([entry]) => entry) };
}
