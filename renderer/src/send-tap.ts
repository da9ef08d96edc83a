import i18next, { type TFunction } from 'i18next';
import type { Command, Result } from '../../shared/app-api';
import { browserTimers, type RefusalReport, type RefusalTimers } from './tap-refusals';

/** How long a tap waits for the core's answer before the screen says it got none. */
export const ANSWER_TIMEOUT_MS = 10_000;

/**
 * The answers the link and the client give instead of the core's (websocket-link.ts, core-client.ts).
 * 'not connected': the tap never left the screen. 'connection lost' or a rejected request
 * ('execute failed: …'): it may have reached the core, which may still apply it. Any other
 * answer is the core's own refusal.
 */
const NOT_SENT = /^not connected$/;
const ANSWER_LOST = /^(connection lost$|execute failed: )/;

/** What a cook tapped, in the words of the button and the screen's language: "Bump", "Fire course 2". */
export function actionName(command: Command, t: TFunction = i18next.t): string {
  switch (command.type) {
    case 'START':
      return t('ticket.start');
    case 'BUMP':
      return t('ticket.bump');
    case 'RECALL_LAST':
      return t('status.recallLast');
    case 'ITEM_DONE':
      return t('tap.strike');
    case 'ITEM_UNDONE':
      return t('tap.unstrike');
    case 'ACK_VOID':
      return t('ticket.acknowledgeVoid');
    case 'FIRE_COURSE':
      return t('tap.fireCourse', { course: command.course });
    case 'ACCEPT_ORDER':
      return t('answer.accept');
    case 'REJECT_ORDER':
      return t('answer.reject');
    case 'UPDATE_PREP_TIME':
      return t('tap.updatePrep');
    case 'SET_ITEM_AVAILABILITY':
      return command.available ? t('eightySix.backInStock') : t('tap.eightySix');
    case 'PAUSE_KITCHEN':
      return t('tap.pause');
    case 'RESUME_KITCHEN':
      return t('tap.resume');
  }
}

export interface TapContext {
  /** Sends the command; undefined when the screen has no link to the core yet. */
  request: () => Promise<Result<unknown>> | undefined;
  /** Shows a refusal; returns its id. */
  report: (refusal: RefusalReport) => number;
  dismiss: (id: number) => void;
  /** The ticket's number as the cook sees it, when the screen shows it. */
  ticketLabel?: (orderId: string) => string | undefined;
  timers?: RefusalTimers;
  timeoutMs?: number;
}

/**
 * Sends a cook's tap and makes every answer other than success visible: the core's refusal, a
 * tap that was not sent, or no answer in time. An answer that comes after "no answer" replaces
 * it: a late success takes the warning away, a late refusal says why. Resolves true when the core did it.
 */
export async function sendTap(command: Command, context: TapContext): Promise<boolean> {
  const { request, report, dismiss, timers = browserTimers, timeoutMs = ANSWER_TIMEOUT_MS } = context;
  // The screen's words, in its language as i18next has it now.
  const t = i18next.t;
  const orderId = 'orderId' in command ? command.orderId : null;
  const ticket = orderId === null ? null : (context.ticketLabel?.(orderId) ?? orderId);
  const refusal = (kind: RefusalReport['kind'], reason: string): RefusalReport => ({
    orderId,
    kind,
    ticket,
    action: actionName(command, t),
    reason,
  });

  const pending = request();
  if (!pending) {
    report(refusal('not-sent', t('tap.notConnectedYet')));
    return false;
  }
  let noAnswerId: number | null = null;
  const timer = timers.setTimeout(() => {
    noAnswerId = report(refusal('no-answer', t('tap.noAnswerWithin', { seconds: Math.round(timeoutMs / 1000) })));
  }, timeoutMs);
  const result = await pending.catch((error: unknown): Result<unknown> => ({ ok: false, error: `execute failed: ${String(error)}` }));
  timers.clearTimeout(timer);
  if (result.ok) {
    if (noAnswerId !== null) dismiss(noAnswerId);
    return true;
  }
  if (NOT_SENT.test(result.error)) report(refusal('not-sent', t('tap.notConnected')));
  else if (ANSWER_LOST.test(result.error)) report(refusal('no-answer', t('tap.answerLost', { error: result.error })));
  else report(refusal('refused', result.error));
  return false;
}
