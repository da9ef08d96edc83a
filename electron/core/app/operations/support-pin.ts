import type { Result } from '../../../../shared/app-api';
import type { KdsConfig } from '../../../../shared/config';
import { callingScreen } from '../calling-screen';
import type { PinAttempts } from '../pin-attempts';

/** Support actions need the diagnostics PIN, checked within the asking screen's attempt limit; without one configured they are off. */
export function supportPinRefusal(config: KdsConfig, pin: string, action: string, attempts: PinAttempts): Result<never> | undefined {
  if (!config.diagnosticsPin) return { ok: false, error: 'support actions are off: set diagnosticsPin in the configuration' };
  const checked = attempts.check(pin, config.diagnosticsPin, action, callingScreen());
  return checked.ok ? undefined : checked;
}
