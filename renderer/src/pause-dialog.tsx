import { useState } from 'react';
import type { Command } from '../../shared/app-api';
import { PAUSE_MINUTES } from './answer-choices';
import { ModalSheet } from './modal-sheet';
import { PinField } from './pin-field';

/**
 * Pausing the kitchen on the platform (no new orders) for 15, 30 or 60 minutes, or resuming it;
 * with the support PIN when the terminal asks for one. Stays open when the core refuses (a wrong
 * PIN): the refusal shows over the status bar and the cook can try again.
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
  const [pin, setPin] = useState('');
  const [sending, setSending] = useState(false);
  const blocked = sending || (pinRequired && pin === '');
  const run = async (command: Command): Promise<void> => {
    setSending(true);
    const done = await send(command);
    setSending(false);
    if (done) onClose();
  };
  const withPin = pinRequired ? { pin } : {};
  return (
    <ModalSheet label={mode === 'pause' ? 'Pause the kitchen' : 'Resume the kitchen'} onClose={onClose}>
      <h2 className="sheet__title">{mode === 'pause' ? 'Pause new orders on the platform' : 'Take orders again'}</h2>
      {pinRequired && (
        <div className="sheet__pin">
          <PinField pin={pin} onChange={setPin} autoFocus />
        </div>
      )}
      {mode === 'pause' ? (
        <>
          <p className="quote__note">{pinRequired && pin === '' ? 'Enter the PIN, then choose how long' : 'For how long?'}</p>
          <div className="choices">
            {PAUSE_MINUTES.map((minutes) => (
              <button
                type="button"
                key={minutes}
                className="choice choice--pause"
                disabled={blocked}
                onClick={() => void run({ type: 'PAUSE_KITCHEN', minutes, ...withPin })}
              >
                {minutes} min
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
            Resume now
          </button>
        </div>
      )}
      <div className="sheet__actions">
        <button type="button" className="action" onClick={onClose}>
          Cancel
        </button>
      </div>
    </ModalSheet>
  );
}
