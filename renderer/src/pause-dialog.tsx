import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Command } from '../../shared/app-api';
import { PAUSE_MINUTES } from './answer-choices';
import { ModalSheet } from './modal-sheet';
import { PinField } from './pin-field';
import { actionName } from './send-tap';
import { useTapRefusals } from './tap-refusals';

/**
 * Pausing the kitchen on the platform (no new orders) for 15, 30 or 60 minutes, or resuming it;
 * with the support PIN when the terminal asks for one. Stays open when the core refuses (a wrong
 * PIN): the refusal is said in the panel and the cook can try again.
 */
export function PauseDialog({
  mode,
  pinRequired,
  send,
  onClose,
}: {
  mode: 'pause' | 'resume';
  pinRequired: boolean;
  send: (command: Command) => Promise<boolean>;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [pin, setPin] = useState('');
  const [sending, setSending] = useState(false);
  const blocked = sending || (pinRequired && pin === '');
  const withPin = pinRequired ? { pin } : {};
  // The panel covers the status bar, where a refusal of a tap on no ticket shows: it says it here too.
  const action = actionName(mode === 'pause' ? { type: 'PAUSE_KITCHEN', minutes: 1 } : { type: 'RESUME_KITCHEN' });
  const refusal = useTapRefusals((state) => state.refusals.find((shown) => shown.orderId === null && shown.action === action));
  const run = async (command: Command): Promise<void> => {
    setSending(true);
    const done = await send(command);
    setSending(false);
    if (!done) return;
    // Done after a wrong PIN: the refusal of the try before must not stay over the status bar that now says "Paused".
    if (refusal) useTapRefusals.getState().dismiss(refusal.id);
    onClose();
  };
  return (
    <ModalSheet label={mode === 'pause' ? t('pause.dialogPause') : t('pause.dialogResume')} onClose={onClose}>
      <h2 className="sheet__title">{mode === 'pause' ? t('pause.titlePause') : t('pause.titleResume')}</h2>
      {refusal && (
        <p className="sheet__warning" role="alert">
          {t('sheet.notDone', { reason: refusal.reason })}
        </p>
      )}
      {pinRequired && (
        <div className="sheet__pin">
          <PinField pin={pin} onChange={setPin} autoFocus />
        </div>
      )}
      {mode === 'pause' ? (
        <>
          <p className="quote__note">{pinRequired && pin === '' ? t('pause.pinFirst') : t('pause.howLong')}</p>
          <div className="choices">
            {PAUSE_MINUTES.map((minutes) => (
              <button
                type="button"
                key={minutes}
                className="choice choice--pause"
                disabled={blocked}
                onClick={() => void run({ type: 'PAUSE_KITCHEN', minutes, ...withPin })}
              >
                {t('pause.minutes', { minutes })}
              </button>
            ))}
          </div>
        </>
      ) : (
        <div className="choices">
          <button
            type="button"
            className="choice choice--resume"
            disabled={blocked}
            onClick={() => void run({ type: 'RESUME_KITCHEN', ...withPin })}
          >
            {t('pause.resumeNow')}
          </button>
        </div>
      )}
      <div className="sheet__actions">
        <button type="button" className="action" onClick={onClose}>
          {t('sheet.cancel')}
        </button>
      </div>
    </ModalSheet>
  );
}
