import { useState } from 'react';
import type { Command } from '../../shared/app-api';
import type { Ticket } from '../../shared/ticket';
import { REJECT_REASONS, reasonAfterTick, type RejectReason } from './answer-choices';
import { ModalSheet } from './modal-sheet';

/**
 * Rejecting an order: a reason in one tap, and the lines the kitchen is out of (each is 86'd too),
 * then Reject, which tells the platform.
 */
export function RejectPanel({ ticket, send, onClose }: { ticket: Ticket; send: (command: Command) => void; onClose: () => void }) {
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
    <ModalSheet label={`Reject ${ticket.displayNumber}`} onClose={onClose}>
      <h2 className="sheet__title">Reject {ticket.displayNumber}</h2>
      {answered && (
        <p className="sheet__warning" role="alert">
          Already answered{ticket.acceptance?.terminalId ? ` on ${ticket.acceptance.terminalId}` : ''}: nothing to send
        </p>
      )}
      <h3 className="sheet__step">Why?</h3>
      <div className="choices" role="group" aria-label="Reason">
        {REJECT_REASONS.map((choice) => (
          <button
            type="button"
            key={choice}
            className={`choice ${reason === choice ? 'choice--on' : ''}`}
            aria-pressed={reason === choice}
            onClick={() => setReason(choice)}
          >
            {choice}
          </button>
        ))}
      </div>
      <h3 className="sheet__step">Out of stock items (tap each one)</h3>
      <ul className="out-lines" aria-label="Out of stock lines">
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
          {reason === null ? 'Choose a reason' : `Reject · ${reason}`}
        </button>
        <button type="button" className="action" onClick={onClose}>
          Cancel
        </button>
      </div>
    </ModalSheet>
  );
}
