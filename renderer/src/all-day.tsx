import { useTranslation } from 'react-i18next';
import type { Command } from '../../shared/app-api';
import type { Ticket } from '../../shared/ticket';
import { untilText } from './countdown';
import { itemKey, type UnavailableItem } from './eighty-six';

/** "All day": how many of each item are still to cook across the open tickets. */
export function allDayCounts(tickets: Ticket[]): [string, number][] {
  const counts = new Map<string, number>();
  for (const ticket of tickets) {
    if (ticket.status === 'VOID') continue;
    for (const item of ticket.items) if (!item.done) counts.set(item.name, (counts.get(item.name) ?? 0) + item.quantity);
  }
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

/**
 * The all-day counts, each with a button to 86 the item (out of stock), and the kitchen's 86'd
 * items, struck through with until when and a button to bring each back.
 */
export function AllDayPanel({
  tickets,
  unavailable,
  onEightySix,
  send,
}: {
  tickets: Ticket[];
  unavailable: readonly UnavailableItem[];
  onEightySix: (item: string) => void;
  send: (command: Command) => void;
}) {
  const { t } = useTranslation();
  const counts = allDayCounts(tickets);
  const out = new Set(unavailable.map((entry) => itemKey(entry.item)));
  return (
    <aside className="all-day" aria-label={t('allDay.title')}>
      <h2>{t('allDay.title')}</h2>
      <ul>
        {counts.map(([name, quantity]) => (
          <li key={name} className={`all-day__row ${out.has(itemKey(name)) ? 'all-day__row--86' : ''}`}>
            <span className="all-day__qty">{quantity}</span> <span className="all-day__name">{name}</span>
            {out.has(itemKey(name)) ? (
              <span className="all-day__86">86</span>
            ) : (
              <button type="button" className="all-day__action" aria-label={`86 ${name}`} onClick={() => onEightySix(name)}>
                86
              </button>
            )}
          </li>
        ))}
      </ul>
      {unavailable.length > 0 && (
        <>
          <h2 className="all-day__out-title">{t('allDay.outTitle')}</h2>
          <ul aria-label={t('aria.outItems')}>
            {unavailable.map((entry) => (
              <li key={entry.item} className="all-day__row all-day__out">
                <span className="all-day__name">
                  <span className="all-day__86">86</span> <s>{entry.item}</s>
                  <span className="all-day__until">{untilText(entry.until, t)}</span>
                </span>
                <button
                  type="button"
                  className="all-day__action all-day__action--back"
                  aria-label={`Back in stock: ${entry.item}`}
                  onClick={() => send({ type: 'SET_ITEM_AVAILABILITY', item: entry.item, available: true })}
                >
                  {t('allDay.back')}
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
    </aside>
  );
}
