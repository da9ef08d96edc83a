import { useTranslation } from 'react-i18next';
import type { Command } from '../../shared/app-api';
import { EIGHTY_SIX_CHOICES } from './answer-choices';
import { untilText } from './countdown';
import { ModalSheet } from './modal-sheet';

/**
 * "86 Cheeseburger?": for how long the kitchen is out of an item; the platform stops selling it,
 * every screen flags it. An item already 86'd says until when, and can be brought back here too.
 */
export function EightySixDialog({
  item,
  until,
  send,
  onClose,
}: {
  item: string;
  /** Already 86'd: until when (null: until brought back); undefined: in stock. */
  until: string | null | undefined;
  send: (command: Command) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  return (
    <ModalSheet label={t('eightySix.label', { item })} onClose={onClose}>
      <h2 className="sheet__title">{t('eightySix.title', { item })}</h2>
      {until === undefined ? (
        <p className="quote__note">{t('eightySix.explain')}</p>
      ) : (
        <p className="sheet__warning">{t('eightySix.already', { until: untilText(until, t) })}</p>
      )}
      <div className="choices choices--column">
        {EIGHTY_SIX_CHOICES.map((choice) => (
          <button
            type="button"
            key={choice.label}
            className="choice choice--86"
            onClick={() => {
              send({
                type: 'SET_ITEM_AVAILABILITY',
                item,
                available: false,
                // The terminal's day, not this device's: every screen of the kitchen says the same "until".
                ...(choice.minutes === null ? { restOfDay: true as const } : { forMinutes: choice.minutes }),
              });
              onClose();
            }}
          >
            {choice.minutes === null ? t('eightySix.restOfDay') : t('eightySix.minutes', { minutes: choice.minutes })}
          </button>
        ))}
      </div>
      <div className="sheet__actions">
        {until !== undefined && (
          <button
            type="button"
            className="action action--accept"
            onClick={() => {
              send({ type: 'SET_ITEM_AVAILABILITY', item, available: true });
              onClose();
            }}
          >
            {t('eightySix.backInStock')}
          </button>
        )}
        <button type="button" className="action" onClick={onClose}>
          {t('sheet.cancel')}
        </button>
      </div>
    </ModalSheet>
  );
}
