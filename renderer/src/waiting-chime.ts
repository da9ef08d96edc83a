import { useEffect, useRef } from 'react';
import type { Ticket } from '../../shared/ticket';
import { chime } from './new-ticket-sound';
import { waitingCount } from './waiting-orders';

/** While an order waits for the kitchen's answer, the screen chimes again this often. */
export const WAITING_CHIME_EVERY_MS = 5_000;
/** The screen's clock ticks once a second, never exactly on time: half a tick of slack keeps the chimes 5 s apart, not 6. */
const TICK_SLACK_MS = 500;

/**
 * Whether to chime now: at once when an order starts waiting, then every `everyMs` while any
 * does. `lastChimeAt` is null when none waited at the last look.
 */
export function waitingChimeDue(waiting: number, lastChimeAt: number | null, now: number, everyMs = WAITING_CHIME_EVERY_MS): boolean {
  if (waiting === 0) return false;
  return lastChimeAt === null || now - lastChimeAt >= everyMs - TICK_SLACK_MS;
}

/** Chimes every few seconds while a ticket on screen waits to be accepted or rejected, unless sound is off. */
export function useWaitingChime(tickets: readonly Ticket[], now: number, enabled: boolean, answering: string | null): void {
  const lastChimeAt = useRef<number | null>(null);
  const waiting = waitingCount(tickets, answering);
  useEffect(() => {
    if (waiting === 0 || !enabled) {
      lastChimeAt.current = null;
      return;
    }
    if (!waitingChimeDue(waiting, lastChimeAt.current, now)) return;
    lastChimeAt.current = now;
    chime();
  }, [waiting, now, enabled]);
}
