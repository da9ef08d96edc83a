import { useEffect, useState } from 'react';
import type { Command, Result } from '../../shared/app-api';
import type { PrepQuote } from '../../shared/prep-quote';
import type { Ticket } from '../../shared/ticket';
import { FALLBACK_PREP_MINUTES, PREP_STEP_MINUTES, stepMinutes } from './answer-choices';
import { clockTime } from './countdown';
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
    <ModalSheet label={`Accept ${ticket.displayNumber}`} onClose={onClose}>
      <h2 className="sheet__title">Accept {ticket.displayNumber}</h2>
      {answered && (
        <p className="sheet__warning" role="alert">
          Already answered{ticket.acceptance?.terminalId ? ` on ${ticket.acceptance.terminalId}` : ''}: nothing to send
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
        <output className="prep__minutes" aria-label="Prep time">
          {minutes === null ? '…' : shown} <span className="prep__unit">min</span>
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
      {minutes !== null && <p className="prep__ready">Ready by {clockTime(new Date(now + shown * 60_000).toISOString())}</p>}
      {quote === null && <p className="quote__note">Working out the quote from the kitchen's load…</p>}
      {quote !== null && !quote.ok && <p className="sheet__warning">No quote ({quote.error}): choose the minutes yourself</p>}
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
          Accept · {shown} min
        </button>
        <button type="button" className="action" onClick={onClose}>
          Cancel
        </button>
      </div>
    </ModalSheet>
  );
}
