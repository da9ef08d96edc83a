import type { Command } from '../../shared/app-api';
import type { TicketItem } from '../../shared/ticket';
import { useTranslation } from 'react-i18next';
import { heldLabel, isHeld } from './item-hold';
import { useLongPress } from './long-press';

/**
 * One line of a ticket: a tap strikes it (or unstrikes it), a long press offers to 86 its item.
 * A line whose item the kitchen has 86'd says so in words and with a heavy outline, not by colour alone.
 */
export function TicketLine({
  orderId,
  item,
  now,
  unavailable,
  send,
  onEightySix,
}: {
  orderId: string;
  item: TicketItem;
  now: number;
  unavailable: boolean;
  send: (command: Command) => void;
  onEightySix: (item: string) => void;
}) {
  const press = useLongPress(
    () => send({ type: item.done ? 'ITEM_UNDONE' : 'ITEM_DONE', orderId, lineId: item.lineId }),
    () => onEightySix(item.name),
  );
  const { t } = useTranslation();
  const held = isHeld(item, now);
  return (
    <li
      className={`item ${item.done ? 'item--done' : ''} ${item.change ? `item--${item.change.toLowerCase()}` : ''} ${held ? 'item--held' : ''} ${unavailable ? 'item--86' : ''}`}
    >
      {held && <div className="item__hold">{heldLabel(item, now, t)}</div>}
      <button type="button" className="item__line" {...press}>
        {unavailable && (
          <span className="item__86" title={t('line.outOfStockTitle')}>
            86
          </span>
        )}
        <span className="item__qty">{item.quantity}×</span> <span className="item__name">{item.name}</span>
        {item.change && <span className="item__change">{item.change === 'NEW' ? t('line.added') : t('line.changed')}</span>}
      </button>
      {unavailable && <div className="item__out">{t('line.outOfStock')}</div>}
      {item.modifiers.length > 0 && <div className="item__mods">{item.modifiers.join(', ')}</div>}
      {item.notes && <div className="item__notes">{item.notes}</div>}
      {item.allergens.length > 0 && <div className="item__allergens">⚠ {t('line.allergens', { list: item.allergens.join(', ') })}</div>}
    </li>
  );
}
