import i18next from 'i18next';
import { useCallback, useEffect, useState } from 'react';
import { App } from './app';
import { GuestBoardScreen } from './guest-board';
import { PairingScreen } from './pairing-screen';
import { checkSession, redeemPairingCode, takeCodeFromAddress, takeRememberedCode } from './screen-session';
import { WebSocketLink, webSocketUrl } from './websocket-link';

type Access = { state: 'checking' } | { state: 'paired'; generation: number } | { state: 'unpaired'; problem?: string };

/**
 * A screen in a browser, served by a terminal's web host: it shows tickets once paired (or, on
 * `/board`, the guest board), and the pairing form when it is not (never paired, or unpaired by a
 * rotation of the terminal's access). A guest board's session opening the kitchen's page is sent
 * to the board: it may read nothing else.
 */
export function WebScreen({ board = false }: { board?: boolean }) {
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
      if (session.scope === 'board' && !board) window.location.replace('/board');
      else if (session.state !== 'unpaired') paired();
      else setAccess({ state: 'unpaired', ...(problem ? { problem } : {}) });
    })();
  }, [paired, board]);

  const onUnpaired = useCallback(() => {
    void (async () => {
      const code = takeRememberedCode();
      if (code && (await redeemPairingCode(code)).ok) paired();
      else setAccess({ state: 'unpaired', problem: i18next.t('pairing.noLonger') });
    })();
  }, [paired]);

  // A guest board's code typed into the kitchen's page pairs a board: it is sent to the board's page.
  const pairedByForm = useCallback(() => {
    void checkSession().then((session) => {
      if (session.scope === 'board' && !board) window.location.replace('/board');
      else paired();
    });
  }, [paired, board]);

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
  if (access.state === 'unpaired') return <PairingScreen onPaired={pairedByForm} problem={access.problem} />;
  if (board) return <GuestBoardScreen key={generation} onUnpaired={onUnpaired} />;
  return <App connect={connect} />;
}
