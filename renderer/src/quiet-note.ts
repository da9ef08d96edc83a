/**
 * Some status-bar notes describe what the terminal does every second when all is well: a cook
 * action or a kitchen signal waiting a moment to be sent, the last order events being applied
 * ("catching up (1 behind)"). Said for that moment they are no news, and the line they add to the
 * status bar moves the whole board under a cook's finger (a long press on a line landing on Start).
 * Such a note shows once its condition has held this long on this screen, or at once when urgent
 * (actions waiting while the terminal is offline).
 */
export const STATUS_QUIET_MS = 5_000;

export interface QuietNote {
  /** Whether the note shows: `now` is this screen's clock, never the terminal's (a browser screen's clock may differ). */
  shown(active: boolean, urgent: boolean, now: number): boolean;
}

export function createQuietNote(quietMs = STATUS_QUIET_MS): QuietNote {
  let activeSince: number | null = null;
  return {
    shown(active, urgent, now) {
      if (!active) {
        activeSince = null;
        return false;
      }
      activeSince ??= now;
      return urgent || now - activeSince >= quietMs;
    },
  };
}
