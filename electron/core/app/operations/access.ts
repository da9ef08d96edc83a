import type { PairedScreen, Result } from '../../../../shared/app-api';
import type { Log } from '../../lib/log';
import { callingScreen, pairedScreenOf } from '../calling-screen';
import type { SuspendedScreen } from '../pin-attempts';
import type { ScreenAccess } from '../screen-access';
import { ok, type Operations } from './core-services';

/**
 * Operations on screen access. They act on the ScreenAccess that the web host checks, so they
 * run on the thread that owns it: in-process beside the core (startTerminal), or on the host
 * thread when the core runs in a worker (worker-terminal.ts), which then asks the core only for
 * the support PIN.
 */
export const SCREEN_ACCESS_OPERATIONS = ['pairScreen', 'rotateScreenAccess', 'pairedScreens', 'revokeScreen'] as const;

export interface AccessServices {
  /** The screen access; undefined until a configuration has run (the core makes its token file). */
  access(): ScreenAccess | undefined;
  /**
   * The support PIN, checked against the terminal's configuration within the asking screen's
   * attempt limit; when right, the paired screens whose PIN actions are suspended now.
   */
  checkPin(pin: string, action: string): Result<unknown> | Promise<Result<unknown>>;
  /** Why there is no screen access yet. */
  unavailable(): string;
  log: Log;
}

/** The paired screens, each marked while its PIN actions are suspended (by its line's first screen: spares it paired share its budget). */
function listed(access: ScreenAccess, suspended: unknown): PairedScreen[] {
  const until = new Map((Array.isArray(suspended) ? (suspended as SuspendedScreen[]) : []).map((lock) => [lock.screenId, lock.until]));
  return access.pairedScreens().map((screen) => {
    const lockedUntil = until.get(access.firstOfLine(screen.id));
    return lockedUntil === undefined ? screen : { ...screen, pinSuspendedUntil: new Date(lockedUntil).toISOString() };
  });
}

export function accessOperations(services: AccessServices): Operations<(typeof SCREEN_ACCESS_OPERATIONS)[number]> {
  const withAccess = <T>(use: (access: ScreenAccess) => Result<T>): Result<T> => {
    const access = services.access();
    return access ? use(access) : { ok: false, error: services.unavailable() };
  };
  return {
    // No PIN: a paired screen shows a code for a new tablet. The code remembers which screen showed
    // it, and the screen it pairs goes when that one is unpaired (no spare outlives a stolen tablet).
    pairScreen: ({ scope }) => withAccess((access) => ok(access.newPairing(pairedScreenOf(callingScreen()), scope))),
    rotateScreenAccess: async ({ pin }) => {
      const checked = await services.checkPin(pin, 'a rotation of screen access');
      if (!checked.ok) return checked;
      return withAccess((access) => {
        access.rotate();
        services.log('warn', 'screen access rotated: every paired screen must pair again');
        // Issued by the terminal: the screen that asked was unpaired with all the others, and pairs again with it.
        return ok(access.newPairing());
      });
    },
    pairedScreens: async ({ pin }) => {
      const checked = await services.checkPin(pin, 'the list of paired screens');
      if (!checked.ok) return checked;
      return withAccess((access) => ok(listed(access, checked.value)));
    },
    revokeScreen: async ({ id, pin }) => {
      const checked = await services.checkPin(pin, 'unpairing a screen');
      if (!checked.ok) return checked;
      return withAccess((access) => {
        let removed: string[];
        try {
          removed = access.revoke(id);
        } catch (error) {
          services.log(
            'error',
            `a screen could not be unpaired: the list of paired screens could not be written: ${(error as Error).message}`,
          );
          return {
            ok: false,
            error: 'the screen was not unpaired: the list of paired screens could not be written (see the log); nothing changed',
          };
        }
        if (removed.length === 0) return { ok: false, error: 'no such paired screen (unpaired already?)' };
        const others = removed.length - 1;
        services.log('warn', `a screen was unpaired from diagnostics${others > 0 ? `, with ${others} screen(s) it had paired` : ''}`);
        return ok(listed(access, checked.value));
      });
    },
  };
}
