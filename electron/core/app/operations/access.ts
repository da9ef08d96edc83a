import type { Result } from '../../../../shared/app-api';
import type { Log } from '../../lib/log';
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
  /** The support PIN, checked against the terminal's configuration within its attempt limit. */
  checkPin(pin: string, action: string): Result<unknown> | Promise<Result<unknown>>;
  /** Why there is no screen access yet. */
  unavailable(): string;
  log: Log;
}

export function accessOperations(services: AccessServices): Operations<(typeof SCREEN_ACCESS_OPERATIONS)[number]> {
  const withAccess = <T>(use: (access: ScreenAccess) => Result<T>): Result<T> => {
    const access = services.access();
    return access ? use(access) : { ok: false, error: services.unavailable() };
  };
  return {
    pairScreen: () => withAccess((access) => ok(access.newPairing())),
    rotateScreenAccess: async ({ pin }) => {
      const checked = await services.checkPin(pin, 'a rotation of screen access');
      if (!checked.ok) return checked;
      return withAccess((access) => {
        access.rotate();
        services.log('warn', 'screen access rotated: every paired screen must pair again');
        return ok(access.newPairing());
      });
    },
    pairedScreens: async ({ pin }) => {
      const checked = await services.checkPin(pin, 'the list of paired screens');
      if (!checked.ok) return checked;
      return withAccess((access) => ok(access.pairedScreens()));
    },
    revokeScreen: async ({ id, pin }) => {
      const checked = await services.checkPin(pin, 'unpairing a screen');
      if (!checked.ok) return checked;
      return withAccess((access) => {
        if (!access.revoke(id)) return { ok: false, error: 'no such paired screen (unpaired already?)' };
        services.log('warn', 'a screen was unpaired from diagnostics');
        return ok(access.pairedScreens());
      });
    },
  };
}
