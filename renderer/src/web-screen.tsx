import { useCallback, useEffect, useState } from 'react';
import { App } from './app';
import { PairingScreen } from './pairing-screen';
import { checkSession, redeemPairingCode, takeCodeFromAddress, takeRememberedCode } from './screen-session';
import { WebSocketLink, webSocketUrl } from './websocket-link';

type Access = { state: 'checking' } | { state: 'paired'; generation: number } | { state: 'unpaired'; problem?: string };

/**
 * A screen in a browser, served by a terminal's web host: it shows tickets once paired, and the
 * pairing form when it is not (never paired, or unpaired by a rotation of the terminal's access).
 */
export function WebScreen() {
  const [access, setAccess] = useState<Access>({ state: 'checking' });
  const paired = useCallback(
    () => setAccess((previous) => ({ state: 'paired', generation: previous.state === 'paired' ? previous.generation + 1 : 0 })),
    [],
  );

  useEffect(() => {
    void (async () => {
      const code = takeCodeFromAddress();
      const redeemed = code ? await redeemPairingCode(code) : undefined;
      // Unreachable: the link retries and asks again once the terminal answers.
      const session = await checkSession();
      const problem = redeemed && !redeemed.ok ? redeemed.error : session.problem;
      if (session.state !== 'unpaired') paired();
      else setAccess({ state: 'unpaired', ...(problem ? { problem } : {}) });
    })();
  }, [paired]);

  const onUnpaired = useCallback(() => {
    void (async () => {
      const code = takeRememberedCode();
      if (code && (await redeemPairingCode(code)).ok) paired();
      else setAccess({ state: 'unpaired', problem: 'This screen is no longer paired with the terminal.' });
    })();
  }, [paired]);

  const generation = access.state === 'paired' ? access.generation : -1;
  // A new generation (paired again) gives a new link; the screen itself stays as it is (an open diagnostics too).
  const connect = useCallback(
    () =>
      new WebSocketLink(webSocketUrl(window.location), {
        stillPaired: async () => (await checkSession()).state !== 'unpaired',
        onUnpaired,
      }),
    // The generation is what makes a new link: a screen paired again connects afresh.
    [onUnpaired, generation],
  );

  if (access.state === 'checking') return null;
  if (access.state === 'unpaired') return <PairingScreen onPaired={paired} problem={access.problem} />;
  return <App connect={connect} />;
}
