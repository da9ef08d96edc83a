import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Which screen an operation is asked by, for what is counted or recorded per screen (wrong PINs,
 * who issued a pairing code). Set by the transport that checked the credential (web-host.ts),
 * carried with the operation's asynchronous work, and passed across the worker boundary with each
 * request (worker-terminal.ts, core-worker.ts).
 */
export interface CallingScreen {
  /** `screen:<id>` for a paired screen (its own credential), `owner` for a tool presenting the terminal's secret, `local` for the terminal's own window (IPC). */
  readonly id: 'local' | 'owner' | `screen:${string}`;
  /**
   * Whose wrong-PIN budget it spends: a paired screen spends that of the first screen of its line
   * (the one paired from the terminal itself, whose code paired it or the screen that paired it),
   * so spares a stolen tablet pairs for itself bring it no more guesses. Else its own id.
   */
  readonly pinBudget: string;
}

/** The terminal's own window, and what an operation asked outside any transport counts as. */
export const LOCAL_SCREEN: CallingScreen = { id: 'local', pinBudget: 'local' };

const current = new AsyncLocalStorage<CallingScreen>();

/** Who asks the operation running now. */
export const callingScreen = (): CallingScreen => current.getStore() ?? LOCAL_SCREEN;

/** Runs an operation as asked by `screen`. */
export const asScreen = <T>(screen: CallingScreen, run: () => T): T => current.run(screen, run);

/** The paired screen's id of a caller, or null (the terminal's own window, the owner's tools). */
export const pairedScreenOf = (screen: CallingScreen): string | null => (screen.id.startsWith('screen:') ? screen.id.slice(7) : null);
