/**
 * The event ids an order has applied, as its row keeps them: JSON array text, appended without
 * parsing, read only for an event whose version was already applied (to count it a duplicate or
 * stale). Versions, not these ids, keep an event from applying twice.
 */
export function withEventId(ids: string | null | undefined, eventId: string): string {
  const quoted = JSON.stringify(eventId);
  return ids ? `${ids.slice(0, -1)},${quoted}]` : `[${quoted}]`;
}

export function hasEventId(ids: string | null | undefined, eventId: string): boolean {
  if (!ids) return false;
  return (JSON.parse(ids) as string[]).includes(eventId);
}
