import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { Command } from '../../shared/app-api';
import type { Acceptance } from '../../shared/ticket';
import { countdown } from './countdown';
import { timeOfDay } from './i18n/format';

export type AnswerMode = 'accept' | 'reject';

/** Which answer this terminal sent and is waiting to see counted: the core keeps the minutes of an acceptance and the reason of a rejection. */
function sentAnswer(acceptance: Acceptance): 'accepted' | 'rejected' {
  return acceptance.reason !== null && acceptance.prepMinutes === null ? 'rejected' : 'accepted';
}

/** " on grill-2" when another screen of the kitchen gave the answer. */
function elsewhere(acceptance: Acceptance, terminalId: string, t: TFunction): string {
  return acceptance.terminalId !== null && acceptance.terminalId !== terminalId ? t('answer.on', { terminal: acceptance.terminalId }) : '';
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
  const { t } = useTranslation();
  const overruled = acceptance.overruled && (
    <div className="answer__overruled" role="alert">
      {t('answer.overruled', { where: acceptance.terminalId ?? t('answer.anotherScreen') })}
    </div>
  );
  if (acceptance.state === 'WAITING') {
    const left = countdown(acceptance.acceptBy, now);
    return (
      <section className={`answer answer--waiting ${left.urgent ? 'answer--urgent' : ''}`} aria-label={t('aria.answerOrder')}>
        {overruled}
        <div className="answer__countdown">
          <span className="answer__label">{left.over ? t('answer.overdue') : left.urgent ? t('answer.now') : t('answer.in')}</span>
          <span className="answer__left" role="timer">
            {left.text}
          </span>
        </div>
        <div className="answer__actions">
          <button type="button" className="action action--accept" onClick={() => onAnswer(orderId, 'accept')}>
            {t('answer.accept')}
          </button>
          <button type="button" className="action action--reject" onClick={() => onAnswer(orderId, 'reject')}>
            {t('answer.reject')}
          </button>
        </div>
      </section>
    );
  }
  let text: string;
  if (acceptance.state === 'SENT') text = sentAnswer(acceptance) === 'rejected' ? t('answer.rejectedSending') : t('answer.acceptedSending');
  else if (acceptance.state === 'ACCEPTED')
    text = `${t('answer.accepted')}${elsewhere(acceptance, terminalId, t)}${acceptance.readyBy ? t('answer.readyBy', { time: timeOfDay(acceptance.readyBy) }) : ''}${acceptance.prepMinutes !== null ? t('answer.minutes', { minutes: acceptance.prepMinutes }) : ''}`;
  // The reason is the contract's word, as the platform was told it.
  else text = `${t('answer.rejected')}${elsewhere(acceptance, terminalId, t)}${acceptance.reason ? ` — ${acceptance.reason}` : ''}`;
  return (
    <section className={`answer answer--${acceptance.state.toLowerCase()}`} aria-label={t('aria.answerPlatform')}>
      {overruled}
      <div className="answer__given">{text}</div>
      {acceptance.state === 'ACCEPTED' && acceptance.proposedPrepMinutes !== null && (
        <div className="answer__behind">
          <span>{t('answer.behind')}</span>
          <button
            type="button"
            className="action action--tell"
            onClick={() => send({ type: 'UPDATE_PREP_TIME', orderId, prepMinutes: acceptance.proposedPrepMinutes ?? 1 })}
          >
            {t('answer.tell', { minutes: acceptance.proposedPrepMinutes })}
          </button>
        </div>
      )}
    </section>
  );
}
