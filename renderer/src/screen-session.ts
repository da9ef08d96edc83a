import i18next from 'i18next';
/**
 * A browser screen's pairing with the web host: the host keeps the screen's access in an
 * HttpOnly cookie (no script here can read it); this module only asks whether the screen is
 * paired and exchanges a pairing code for that cookie.
 */
export type SessionState = 'paired' | 'unpaired' | 'unreachable';

/**
 * Whether this screen is paired, and as what (a kitchen screen, or a guest board that may read the
 * board only); when it was and is no more (unpaired alone, or before an update), the host says why.
 */
export async function checkSession(): Promise<{ state: SessionState; problem?: string; scope?: 'kitchen' | 'board' }> {
  try {
    const response = await fetch('/session', { credentials: 'same-origin', cache: 'no-store' });
    if (response.status === 200) {
      const body = (await response.json().catch(() => ({}))) as { scope?: unknown };
      return { state: 'paired', scope: body.scope === 'board' ? 'board' : 'kitchen' };
    }
    if (response.status !== 401) return { state: 'unreachable' };
    const body = (await response.json().catch(() => ({}))) as { problem?: unknown };
    return { state: 'unpaired', ...(typeof body.problem === 'string' ? { problem: body.problem } : {}) };
  } catch {
    return { state: 'unreachable' };
  }
}

export async function redeemPairingCode(code: string): Promise<{ ok: true } | { ok: false; error: string }> {
  try {
    const response = await fetch('/session', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code: code.replace(/\D/g, '') }),
    });
    if (response.ok) return { ok: true };
    const body = (await response.json().catch(() => ({}))) as { error?: unknown };
    return { ok: false, error: typeof body.error === 'string' ? body.error : i18next.t('pairing.answered', { status: response.status }) };
  } catch {
    return { ok: false, error: i18next.t('pairing.unreachable') };
  }
}

/** A code from a pairing link (`#pair=12345678`), taken out of the address at once so it is not kept in history. */
export function takeCodeFromAddress(): string | undefined {
  const code = /^#pair=(\d{8})$/.exec(window.location.hash)?.[1];
  if (window.location.hash) window.history.replaceState(null, '', window.location.pathname + window.location.search);
  return code;
}

/** The code a rotation answered with: the screen that rotated pairs itself again with it. */
let rememberedCode: string | undefined;
export const rememberPairingCode = (code: string): void => {
  rememberedCode = code;
};
export function takeRememberedCode(): string | undefined {
  const code = rememberedCode;
  rememberedCode = undefined;
  return code;
}
