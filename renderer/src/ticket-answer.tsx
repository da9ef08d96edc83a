import type { Command } from '../../shared/app-api';
import type { Acceptance } from '../../shared/ticket';
import { clockTime, countdown } from './countdown';

export type AnswerMode = 'accept' | 'reject';

/** Which answer this terminal sent and is waiting to see counted: the core keeps the minutes of an acceptance and the reason of a rejection. */
function sentAnswer(acceptance: Acceptance): 'accepted' | 'rejected' {
  return acceptance.reason !== null && acceptance.prepMinutes === null ? 'rejected' : 'accepted';
}

/** " on grill-2" when another screen of the kitchen gave the answer. */
function elsewhere(acceptance: Acceptance, terminalId: string): string {
  return acceptance.terminalId !== null && acceptance.terminalId !== terminalId ? ` on ${acceptance.terminalId}` : '';
}

/**
 * The kitchen's answer to the platform for an order that asks for one: while it waits, how long is
 * left to answer and the Accept and Reject buttons; then what was answered, where, and the ready time.
 */
export function TicketAnswer({
  orderId,
  acceptance,
  now,
  terminalId,
  send,
  onAnswer,
}: {
  orderId: string;
  acceptance: Acceptance;
  now: number;
  /** This screen's terminal, to say when another one answered. */
  terminalId: string;
  send: (command: Command) => void;
  onAnswer: (orderId: string, mode: AnswerMode) => void;
}) {
  const overruled = acceptance.overruled && (
    <div className="answer__overruled" role="alert">
      Already answered on {acceptance.terminalId ?? 'another screen'} — your answer was not sent
    </div>
  );
  if (acceptance.state === 'WAITING') {
    const left = countdown(acceptance.acceptBy, now);
    return (
      <section className={`answer answer--waiting ${left.urgent ? 'answer--urgent' : ''}`} aria-label="Answer the order">
        {overruled}
        <div className="answer__countdown">
          <span className="answer__label">{left.over ? 'Answer overdue' : left.urgent ? 'Answer now' : 'Answer in'}</span>
          <span className="answer__left" role="timer">
            {left.text}
          </span>
        </div>
        <div className="answer__actions">
          <button type="button" className="action action--accept" onClick={() => onAnswer(orderId, 'accept')}>
            Accept
          </button>
          <button type="button" className="action action--reject" onClick={() => onAnswer(orderId, 'reject')}>
            Reject
          </button>
        </div>
      </section>
    );
  }
  let text: string;
  if (acceptance.state === 'SENT') text = sentAnswer(acceptance) === 'rejected' ? 'Rejected — sending…' : 'Accepted — sending…';
  else if (acceptance.state === 'ACCEPTED')
    text = `Accepted${elsewhere(acceptance, terminalId)}${acceptance.readyBy ? ` · ready by ${clockTime(acceptance.readyBy)}` : ''}${acceptance.prepMinutes !== null ? ` (${acceptance.prepMinutes} min)` : ''}`;
  else text = `Rejected${elsewhere(acceptance, terminalId)}${acceptance.reason ? ` — ${acceptance.reason}` : ''}`;
  return (
    <section className={`answer answer--${acceptance.state.toLowerCase()}`} aria-label="Answer to the platform">
      {overruled}
      <div className="answer__given">{text}</div>
      {acceptance.state === 'ACCEPTED' && acceptance.proposedPrepMinutes !== null && (
        <div className="answer__behind">
          <span>Behind the promised time</span>
          <button
            type="button"
            className="action action--tell"
            onClick={() => send({ type: 'UPDATE_PREP_TIME', orderId, prepMinutes: acceptance.proposedPrepMinutes ?? 1 })}
          >
            Tell platform: {acceptance.proposedPrepMinutes} min
          </button>
        </div>
      )}
    </section>
  );
}
