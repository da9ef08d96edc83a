import { create } from 'zustand';

/** How long a refusal stays on screen: long enough to read from across the pass, short enough not to linger. */
export const REFUSAL_SHOWN_MS = 6_000;

/**
 * Why a tap did nothing visible: the core refused it (its own words say why), the tap never left
 * the screen (no connection), or no answer came (too slow, or the connection dropped: the core
 * may still apply it).
 */
export type RefusalKind = 'refused' | 'not-sent' | 'no-answer';

export interface TapRefusal {
  /** Changes on every report, so a repeated refusal is shown afresh. */
  id: number;
  /** The order the tap was for; null for a tap on no ticket (recall). */
  orderId: string | null;
  kind: RefusalKind;
  /** The ticket's number as the cook saw it when tapping (null for a tap on no ticket). */
  ticket: string | null;
  /** What was tapped, in the words of its button: "Bump", "Fire course 2". */
  action: string;
  /** Why it did nothing, in the core's or the screen's words. */
  reason: string;
  /** How many taps in a row got this same answer (a cook who taps again sees the count go up). */
  repeats: number;
}

export type RefusalReport = Pick<TapRefusal, 'orderId' | 'kind' | 'ticket' | 'action' | 'reason'>;

export interface TapRefusalState {
  /** Oldest first; at most one per order (and one for taps on no ticket). */
  refusals: TapRefusal[];
  /** Shows a refusal, replacing the one its order already shows; returns its id. */
  report: (refusal: RefusalReport) => number;
  /** Takes a refusal off screen (a tap on it, or its time is up); an id already replaced does nothing. */
  dismiss: (id: number) => void;
}

/** The timer functions the store uses: the browser's, or a test's fake. */
export interface RefusalTimers {
  setTimeout: (run: () => void, ms: number) => unknown;
  clearTimeout: (handle: unknown) => void;
}

export const browserTimers: RefusalTimers = {
  setTimeout: (run, ms) => setTimeout(run, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** A refusal store with its own timers; the screen uses `useTapRefusals`, tests make their own. */
export function createTapRefusals(timers: RefusalTimers = browserTimers, shownMs = REFUSAL_SHOWN_MS) {
  let nextId = 1;
  const expiries = new Map<number, unknown>();
  const cancelExpiry = (id: number): void => {
    if (!expiries.has(id)) return;
    timers.clearTimeout(expiries.get(id));
    expiries.delete(id);
  };
  return create<TapRefusalState>((set, get) => ({
    refusals: [],
    report: (refusal) => {
      const id = nextId++;
      const previous = get().refusals.find((shown) => shown.orderId === refusal.orderId);
      if (previous) cancelExpiry(previous.id);
      const same = previous?.kind === refusal.kind && previous.action === refusal.action && previous.reason === refusal.reason;
      const shown: TapRefusal = { ...refusal, id, repeats: same ? previous.repeats + 1 : 1 };
      set({ refusals: [...get().refusals.filter((other) => other !== previous), shown] });
      expiries.set(
        id,
        timers.setTimeout(() => get().dismiss(id), shownMs),
      );
      return id;
    },
    dismiss: (id) => {
      cancelExpiry(id);
      if (get().refusals.some((shown) => shown.id === id)) set({ refusals: get().refusals.filter((shown) => shown.id !== id) });
    },
  }));
}

export const useTapRefusals = createTapRefusals();

/**
 * Where each refusal shows: on its ticket when the screen shows that ticket, otherwise at the top
 * of the screen (a ticket bumped elsewhere, filtered out by station, or a tap on no ticket). The
 * top shows only the newest, so it never grows over the board.
 */
export function placeRefusals(
  refusals: readonly TapRefusal[],
  shownOrderIds: ReadonlySet<string>,
): { onTickets: Map<string, TapRefusal>; top: TapRefusal | null } {
  const onTickets = new Map<string, TapRefusal>();
  let top: TapRefusal | null = null;
  for (const refusal of refusals) {
    if (refusal.orderId !== null && shownOrderIds.has(refusal.orderId)) onTickets.set(refusal.orderId, refusal);
    else top = refusal;
  }
  return { onTickets, top };
}
