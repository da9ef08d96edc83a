import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { guestBoardSchema, type GuestBoard } from '../../shared/guest-board';
import { ReadyHighlights } from './board-highlight';
import { chime } from './new-ticket-sound';
import { checkSession } from './screen-session';
import { useNow } from './use-now';
import { WebSocketLink, webSocketUrl } from './websocket-link';

/**
 * The guest order-ready board (`/board`), for the dining room or the pickup shelf: display
 * numbers only, Preparing and Ready, large; a number turning ready chimes and is highlighted.
 * When the terminal cannot be reached the board says so instead of showing stale numbers as live.
 */
export function GuestBoardScreen({ onUnpaired }: { onUnpaired: () => void }) {
  const { t } = useTranslation();
  const [board, setBoard] = useState<GuestBoard | null>(null);
  const [connected, setConnected] = useState(false);
  const highlights = useMemo(() => new ReadyHighlights(), []);
  const now = useNow();

  useEffect(() => {
    const link = new WebSocketLink(webSocketUrl(window.location, '/ws/board'), {
      onBoard: (payload) => {
        const parsed = guestBoardSchema.safeParse(payload);
        if (!parsed.success) return;
        if (highlights.update(parsed.data, Date.now()).length > 0) chime();
        setBoard(parsed.data);
      },
      stillPaired: async () => (await checkSession()).state !== 'unpaired',
      onUnpaired,
    });
    const offConnection = link.onConnection(setConnected);
    link.start();
    return () => {
      offConnection();
      link.stop();
    };
  }, [highlights, onUnpaired]);

  return (
    <main className={`guest-board ${connected ? '' : 'guest-board--stale'}`}>
      {!connected && (
        <p className="guest-board__offline" role="alert">
          {t('board.reconnecting')}
        </p>
      )}
      <section className="guest-board__column" aria-label={t('board.preparing')}>
        <h1 className="guest-board__title">{t('board.preparing')}</h1>
        <ul className="guest-board__numbers" aria-label={t('aria.preparingNumbers')}>
          {board?.preparing.map(({ number }) => (
            <li key={number} className="guest-board__number">
              {number}
            </li>
          ))}
        </ul>
      </section>
      <section className="guest-board__column guest-board__column--ready" aria-label={t('aria.ready')}>
        <h1 className="guest-board__title">{t('board.ready')}</h1>
        <ul className="guest-board__numbers" aria-label={t('aria.readyNumbers')}>
          {board?.ready.map(({ number }) => (
            <li
              key={number}
              className={`guest-board__number guest-board__number--ready ${highlights.highlighted(number, now) ? 'guest-board__number--new' : ''}`}
            >
              {number}
            </li>
          ))}
        </ul>
      </section>
    </main>
  );
}
