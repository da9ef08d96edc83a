import type { Command } from '../../shared/app-api';
import { EIGHTY_SIX_CHOICES } from './answer-choices';
import { minutesLeftToday } from './countdown';
import { ModalSheet } from './modal-sheet';

/** "86 Cheeseburger?": for how long the kitchen is out of an item; the platform stops selling it, every screen flags it. */
export function EightySixDialog({
  item,
  now,
  send,
  onClose,
}: {
  item: string;
  now: number;
  send: (command: Command) => void;
  onClose: () => void;
}) {
  return (
    <ModalSheet label={`86 ${item}`} onClose={onClose}>
      <h2 className="sheet__title">86 {item}?</h2>
      <p className="quote__note">Out of stock: the platform stops selling it and every screen flags it.</p>
      <div className="choices choices--column">
        {EIGHTY_SIX_CHOICES.map((choice) => (
          <button
            type="button"
            key={choice.label}
            className="choice choice--86"
            onClick={() => {
              send({ type: 'SET_ITEM_AVAILABILITY', item, available: false, forMinutes: choice.minutes ?? minutesLeftToday(now) });
              onClose();
            }}
          >
            {choice.label}
          </button>
        ))}
      </div>
      <div className="sheet__actions">
        <button type="button" className="action" onClick={onClose}>
          Cancel
        </button>
      </div>
    </ModalSheet>
  );
}
