import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Command } from '../../shared/app-api';
import type { Ticket } from '../../shared/ticket';
import { channelLabel, isKnownChannel } from './channel-label';
import { lineOut } from './eighty-six';
import { RefusalToast } from './refusal-toast';
import { TicketAnswer, type AnswerMode } from './ticket-answer';
import { TicketLine } from './ticket-line';
import type { TapRefusal } from './tap-refusals';
import { elapsed } from './use-now';

export interface TicketCardProps {
  ticket: Ticket;
  now: number;
  warnMinutes: number;
  lateMinutes: number;
  /** Expo screens see how far each station is. */
  showStations: boolean;
  selected: boolean;
  send: (command: Command) => void;
  /** This screen's terminal: an answer given on another one says where. */
  terminalId: string;
  /** Opens the Accept or Reject panel of an order waiting for the kitchen's answer. */
  onAnswer: (orderId: string, mode: AnswerMode) => void;
  /** Asks to 86 an item (a long press on a line). */
  onEightySix: (item: string) => void;
  /** The items still 86'd now (item keys), or null before the first status. */
  outItems: ReadonlySet<string> | null;
  /** The answer to a tap on this ticket that did nothing, shown over the ticket's head until it goes. */
  refusal?: TapRefusal;
}

/** Memoised: a delta or a status push re-renders only the cards whose ticket changed (and all of them once a second, for the timers). */
export const TicketCard = memo(function TicketCard({
  ticket,
  now,
  warnMinutes,
  lateMinutes,
  showStations,
  selected,
  send,
  terminalId,
  onAnswer,
  onEightySix,
  outItems,
  refusal,
}: TicketCardProps) {
  const { t } = useTranslation();
  const age = elapsed(ticket.fireAt, now);
  const aging = age.minutes >= lateMinutes ? 'late' : age.minutes >= warnMinutes ? 'warn' : 'fresh';
  const isVoid = ticket.status === 'VOID';
  return (
    <article
      className={`ticket ticket--${aging} ${isVoid ? 'ticket--void' : ''} ${ticket.priority === 'RUSH' ? 'ticket--rush' : ''} ${selected ? 'ticket--selected' : ''} ${ticket.acceptance?.state === 'WAITING' ? 'ticket--waiting' : ''}`}
      data-order-id={ticket.orderId}
      aria-label={t('aria.ticket', { number: ticket.displayNumber })}
    >
      {refusal && <RefusalToast refusal={refusal} place="ticket" />}
      <header className="ticket__head">
        <span className="ticket__number">{ticket.displayNumber}</span>
        {/* Not by colour alone: late says so in words, warn with an icon (and each its own border pattern). */}
        <span className="ticket__timer">
          {aging === 'late' && <span className="ticket__aging">{t('ticket.late')} </span>}
          {aging === 'warn' && (
            <span className="ticket__aging" title={t('ticket.gettingLate')}>
              ⚠{' '}
            </span>
          )}
          {age.text}
        </span>
      </header>
      <div className="ticket__meta">
        {ticket.channel && (
          <span className={`badge badge--channel channel--${isKnownChannel(ticket.channel) ? ticket.channel.toLowerCase() : 'other'}`}>
            {channelLabel(ticket.channel, t)}
          </span>
        )}
        {ticket.table && <span className="ticket__where">{t('ticket.table', { table: ticket.table })}</span>}
        {!ticket.table && ticket.customerName && <span className="ticket__where">{ticket.customerName}</span>}
        {ticket.priority === 'RUSH' && <span className="badge badge--rush">{t('ticket.rush')}</span>}
        {ticket.priority !== 'RUSH' && ticket.priority !== 'NORMAL' && <span className="badge badge--modified">{ticket.priority}</span>}
        {ticket.modified && <span className="badge badge--modified">{t('ticket.modified')}</span>}
        {ticket.status === 'DONE' && <span className="badge badge--incomplete">{t('ticket.recalledCompleted')}</span>}
        {ticket.possiblyIncomplete && <span className="badge badge--incomplete">{t('ticket.checkOrder')}</span>}
      </div>
      {showStations && ticket.stations.length > 0 && !isVoid && (
        <ul className="ticket__stations" aria-label={t('aria.stations')}>
          {ticket.stations.map(({ station, state }) => (
            <li key={station} className={`station-progress station-progress--${state.toLowerCase()}`}>
              {state === 'BUMPED' ? '✓ ' : ''}
              {station}
            </li>
          ))}
        </ul>
      )}
      {isVoid && (
        <div className="ticket__void">
          {t('ticket.void')}
          {ticket.cancelReason ? ` — ${ticket.cancelReason}` : ''}
        </div>
      )}
      {ticket.acceptance && !isVoid && (
        <TicketAnswer
          orderId={ticket.orderId}
          acceptance={ticket.acceptance}
          now={now}
          terminalId={terminalId}
          send={send}
          onAnswer={onAnswer}
        />
      )}
      {ticket.alert && <div className="ticket__alert">{ticket.alert}</div>}
      {ticket.notes && <div className="ticket__notes">{ticket.notes}</div>}
      <ul className="ticket__items">
        {ticket.items.map((item) => (
          <TicketLine
            key={item.lineId}
            orderId={ticket.orderId}
            item={item}
            now={now}
            unavailable={lineOut(item.name, ticket.unavailableLines.includes(item.lineId), outItems)}
            send={send}
            onEightySix={onEightySix}
          />
        ))}
        {ticket.moreItems > 0 && <li className="item item--more">{t('ticket.moreItems', { count: ticket.moreItems })}</li>}
        {ticket.removedItems.map((removed) => (
          <li key={removed} className="item item--removed">
            {t('ticket.removed', { item: removed })}
          </li>
        ))}
      </ul>
      {ticket.laterCourses
        .filter((course) => course.firesAt === null || Date.parse(course.firesAt) > now)
        .map((course) => (
          <button
            type="button"
            key={course.course}
            className="action action--fire"
            onClick={() => send({ type: 'FIRE_COURSE', orderId: ticket.orderId, course: course.course })}
          >
            {t('ticket.fireCourse', { course: course.course })}
            {course.firesAt !== null && (
              <span className="action__note">
                {t('ticket.dueIn', { duration: elapsed(new Date(now).toISOString(), Date.parse(course.firesAt)).text })}
              </span>
            )}
          </button>
        ))}
      <footer className="ticket__actions">
        {isVoid ? (
          <button type="button" className="action action--ack" onClick={() => send({ type: 'ACK_VOID', orderId: ticket.orderId })}>
            {t('ticket.acknowledgeVoid')}
          </button>
        ) : (
          <>
            {ticket.status === 'NEW' && (
              <button type="button" className="action action--start" onClick={() => send({ type: 'START', orderId: ticket.orderId })}>
                {t('ticket.start')}
              </button>
            )}
            <button type="button" className="action action--bump" onClick={() => send({ type: 'BUMP', orderId: ticket.orderId })}>
              {t('ticket.bump')}
            </button>
          </>
        )}
      </footer>
    </article>
  );
});
