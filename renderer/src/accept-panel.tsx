import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Command, Result } from '../../shared/app-api';
import type { PrepQuote } from '../../shared/prep-quote';
import type { Ticket } from '../../shared/ticket';
import { FALLBACK_PREP_MINUTES, PREP_STEP_MINUTES, stepMinutes } from './answer-choices';
import { timeOfDay } from './i18n/format';
import { ModalSheet } from './modal-sheet';
import { QuoteInputs } from './quote-inputs';

/**
 * Accepting an order: the kitchen's quote (from its load now) in big minutes, what it was made of,
 * −5 / +5 to change it, and Accept, which sends the chosen prep time to the platform.
 */
export function AcceptPanel({
  ticket,
  now,
  loadQuote,
  send,
  onClose,
}: {
  ticket: Ticket;
  now: number;
  loadQuote: (orderId: string) => Promise<Result<PrepQuote>>;
  send: (command: Command) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [quote, setQuote] = useState<Result<PrepQuote> | null>(null);
  const [minutes, setMinutes] = useState<number | null>(null);
  useEffect(() => {
    let current = true;
    void loadQuote(ticket.orderId).then((result) => {
      if (!current) return;
      setQuote(result);
      setMinutes((chosen) => chosen ?? (result.ok ? result.value.minutes : FALLBACK_PREP_MINUTES));
    });
    return () => {
      current = false;
    };
  }, [loadQuote, ticket.orderId]);
  const answered = ticket.acceptance !== null && ticket.acceptance.state !== 'WAITING';
  const shown = minutes ?? FALLBACK_PREP_MINUTES;
  return (
    <ModalSheet label={t('accept.label', { number: ticket.displayNumber })} onClose={onClose}>
      <h2 className="sheet__title">{t('accept.label', { number: ticket.displayNumber })}</h2>
      {answered && (
        <p className="sheet__warning" role="alert">
          {t('answer.alreadyAnswered', {
            where: ticket.acceptance?.terminalId ? t('answer.on', { terminal: ticket.acceptance.terminalId }) : '',
          })}
        </p>
      )}
      <div className="prep">
        <button
          type="button"
          className="action prep__step"
          disabled={minutes === null}
          onClick={() => setMinutes(stepMinutes(shown, -PREP_STEP_MINUTES))}
        >
          −{PREP_STEP_MINUTES}
        </button>
        <output className="prep__minutes" aria-label={t('accept.prepTime')}>
          {minutes === null ? '…' : shown} <span className="prep__unit">{t('accept.min')}</span>
        </output>
        <button
          type="button"
          className="action prep__step"
          disabled={minutes === null}
          onClick={() => setMinutes(stepMinutes(shown, PREP_STEP_MINUTES))}
        >
          +{PREP_STEP_MINUTES}
        </button>
      </div>
      {minutes !== null && (
        <p className="prep__ready">{t('accept.readyBy', { time: timeOfDay(new Date(now + shown * 60_000).toISOString()) })}</p>
      )}
      {quote === null && <p className="quote__note">{t('accept.working')}</p>}
      {quote !== null && !quote.ok && <p className="sheet__warning">{t('accept.noQuote', { error: quote.error })}</p>}
      {quote?.ok && <QuoteInputs quote={quote.value} chosen={shown} />}
      <div className="sheet__actions">
        <button
          type="button"
          className="action action--accept"
          disabled={minutes === null || answered}
          onClick={() => {
            send({ type: 'ACCEPT_ORDER', orderId: ticket.orderId, prepMinutes: shown });
            onClose();
          }}
        >
          {t('accept.send', { minutes: shown })}
        </button>
        <button type="button" className="action" onClick={onClose}>
          {t('sheet.cancel')}
        </button>
      </div>
    </ModalSheet>
  );
}
