import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Command } from '../../shared/app-api';
import type { Ticket } from '../../shared/ticket';
import { REJECT_REASONS, reasonAfterTick, type RejectReason } from './answer-choices';
import { ModalSheet } from './modal-sheet';

/** The reasons are sent in the contract's words (English); a screen shows them in its own language. */
const REASON_KEY: Record<RejectReason, 'reason.outOfStock' | 'reason.tooBusy' | 'reason.closing' | 'reason.other'> = {
  'Out of stock': 'reason.outOfStock',
  'Too busy': 'reason.tooBusy',
  Closing: 'reason.closing',
  Other: 'reason.other',
};

/**
 * Rejecting an order: a reason in one tap, and the lines the kitchen is out of (each is 86'd too),
 * then Reject, which tells the platform.
 */
export function RejectPanel({ ticket, send, onClose }: { ticket: Ticket; send: (command: Command) => void; onClose: () => void }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState<RejectReason | null>(null);
  const [outOfStock, setOutOfStock] = useState<ReadonlySet<string>>(new Set());
  const answered = ticket.acceptance !== null && ticket.acceptance.state !== 'WAITING';
  const tick = (lineId: string): void => {
    const next = new Set(outOfStock);
    if (!next.delete(lineId)) next.add(lineId);
    setOutOfStock(next);
    setReason(reasonAfterTick(reason, next.size));
  };
  return (
    <ModalSheet label={t('reject.label', { number: ticket.displayNumber })} onClose={onClose}>
      <h2 className="sheet__title">{t('reject.label', { number: ticket.displayNumber })}</h2>
      {answered && (
        <p className="sheet__warning" role="alert">
          {t('answer.alreadyAnswered', {
            where: ticket.acceptance?.terminalId ? t('answer.on', { terminal: ticket.acceptance.terminalId }) : '',
          })}
        </p>
      )}
      <h3 className="sheet__step">{t('reject.why')}</h3>
      <div className="choices" role="group" aria-label={t('reject.reasonGroup')}>
        {REJECT_REASONS.map((choice) => (
          <button
            type="button"
            key={choice}
            className={`choice ${reason === choice ? 'choice--on' : ''}`}
            aria-pressed={reason === choice}
            onClick={() => setReason(choice)}
          >
            {t(REASON_KEY[choice])}
          </button>
        ))}
      </div>
      <h3 className="sheet__step">{t('reject.outLines')}</h3>
      <ul className="out-lines" aria-label={t('reject.outLinesLabel')}>
        {ticket.items.map((item) => (
          <li key={item.lineId}>
            <button
              type="button"
              className={`choice choice--line ${outOfStock.has(item.lineId) ? 'choice--on' : ''}`}
              aria-pressed={outOfStock.has(item.lineId)}
              onClick={() => tick(item.lineId)}
            >
              <span className="choice__tick" aria-hidden="true">
                {outOfStock.has(item.lineId) ? '✓' : ''}
              </span>
              {item.quantity}× {item.name}
            </button>
          </li>
        ))}
      </ul>
      <div className="sheet__actions">
        <button
          type="button"
          className="action action--reject"
          disabled={reason === null || answered}
          onClick={() => {
            if (reason === null) return;
            send({ type: 'REJECT_ORDER', orderId: ticket.orderId, reason, outOfStockLineIds: [...outOfStock] });
            onClose();
          }}
        >
          {reason === null ? t('reject.choose') : t('reject.send', { reason: t(REASON_KEY[reason]) })}
        </button>
        <button type="button" className="action" onClick={onClose}>
          {t('sheet.cancel')}
        </button>
      </div>
    </ModalSheet>
  );
}
