import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Command } from '../../shared/app-api';
import { timeOfDay } from './i18n/format';
import { PauseDialog } from './pause-dialog';

/** The status bar's pause: "Pause" while the kitchen takes orders; while paused, until when, and "Resume". */
export function PauseControl({
  pausedUntil,
  pinRequired,
  send,
}: {
  pausedUntil: string | null;
  pinRequired: boolean;
  send: (command: Command) => Promise<boolean>;
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<'pause' | 'resume' | null>(null);
  const resume = (): void => {
    if (pinRequired) setOpen('resume');
    else void send({ type: 'RESUME_KITCHEN' });
  };
  return (
    <>
      {pausedUntil === null ? (
        <button type="button" className="action action--pause" onClick={() => setOpen('pause')}>
          {t('pause.pause')}
        </button>
      ) : (
        <span className="paused">
          <span className="status status--warn paused__label">{t('pause.pausedUntil', { time: timeOfDay(pausedUntil) })}</span>
          <button type="button" className="action action--resume" onClick={resume}>
            {t('pause.resume')}
          </button>
        </span>
      )}
      {open && <PauseDialog mode={open} pinRequired={pinRequired} send={send} onClose={() => setOpen(null)} />}
    </>
  );
}
