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

/** What a cook tapped, in the words of the button: "Bump", "Fire course 2". */
export function actionName(command: Command): string {
  switch (command.type) {
    case 'START':
      return 'Start';
    case 'BUMP':
      return 'Bump';
    case 'RECALL_LAST':
      return 'Recall last';
    case 'ITEM_DONE':
      return 'Strike item';
    case 'ITEM_UNDONE':
      return 'Unstrike item';
    case 'ACK_VOID':
      return 'Acknowledge void';
    case 'FIRE_COURSE':
      return `Fire course ${command.course}`;
    case 'ACCEPT_ORDER':
      return 'Accept';
    case 'REJECT_ORDER':
      return 'Reject';
    case 'UPDATE_PREP_TIME':
      return 'Update prep time';
    case 'SET_ITEM_AVAILABILITY':
      return command.available ? 'Back in stock' : '86 item';
    case 'PAUSE_KITCHEN':
      return 'Pause kitchen';
    case 'RESUME_KITCHEN':
      return 'Resume kitchen';
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
  const orderId = 'orderId' in command ? command.orderId : null;
  const ticket = orderId === null ? null : (context.ticketLabel?.(orderId) ?? orderId);
  const refusal = (kind: RefusalReport['kind'], reason: string): RefusalReport => ({
    orderId,
    kind,
    ticket,
    action: actionName(command),
    reason,
  });

  const pending = request();
  if (!pending) {
    report(refusal('not-sent', 'this screen is not connected to the terminal yet'));
    return false;
  }
  let noAnswerId: number | null = null;
  const timer = timers.setTimeout(() => {
    noAnswerId = report(
      refusal('no-answer', `the core did not answer within ${Math.round(timeoutMs / 1000)} s: check the ticket before tapping again`),
    );
  }, timeoutMs);
  const result = await pending.catch((error: unknown): Result<unknown> => ({ ok: false, error: `execute failed: ${String(error)}` }));
  timers.clearTimeout(timer);
  if (result.ok) {
    if (noAnswerId !== null) dismiss(noAnswerId);
    return true;
  }
  if (NOT_SENT.test(result.error))
    report(refusal('not-sent', 'this screen is not connected to the terminal: tap again once it says Online'));
  else if (ANSWER_LOST.test(result.error))
    report(refusal('no-answer', `the core did not answer (${result.error}): check the ticket before tapping again`));
  else report(refusal('refused', result.error));
  return false;
}
