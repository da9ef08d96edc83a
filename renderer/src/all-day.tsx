import type { Ticket } from '../../shared/ticket';

/** "All day": how many of each item are still to cook across the open tickets. */
export function allDayCounts(tickets: Ticket[]): [string, number][] {
  const counts = new Map<string, number>();
  for (const ticket of tickets) {
    if (ticket.status === 'VOID') continue;
    for (const item of ticket.items) if (!item.done) counts.set(item.name, (counts.get(item.name) ?? 0) + item.quantity);
  }
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

export function AllDayPanel({ tickets }: { tickets: Ticket[] }) {
  const counts = allDayCounts(tickets);
  return (
    <aside className="all-day" aria-label="All day">
      <h2>All day</h2>
      <ul>
        {counts.map(([name, quantity]) => (
          <li key={name}>
            <span className="all-day__qty">{quantity}</span> {name}
          </li>
        ))}
      </ul>
    </aside>
  );
}
