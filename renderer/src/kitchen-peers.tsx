import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Result } from '../../shared/app-api';
import type { KitchenPeers, KitchenPeerView, PeerPairing } from '../../shared/peer-protocol';
import { dateTime, timeOfDay } from './i18n/format';
import { PinField } from './pin-field';

/** What the panel asks the core (README "One kitchen without the internet"); PIN actions are support's. */
export interface PeerActions {
  list(): Promise<Result<KitchenPeers>>;
  showCode(pin: string): Promise<Result<PeerPairing>>;
  pair(url: string, code: string, pin: string): Promise<Result<KitchenPeerView>>;
  unpair(terminalId: string, pin: string): Promise<Result<KitchenPeers>>;
}

/**
 * Diagnostics' kitchen peers: which terminals of the kitchen this one exchanges cook actions
 * with over the LAN, whether each answers, when it last did and what went each way; support
 * shows a code here and pairs there, or unpairs a replaced terminal.
 */
export function KitchenPeersPanel({ configured, peersNow, actions }: { configured: boolean; peersNow: string; actions: PeerActions }) {
  const { t } = useTranslation();
  const [peers, setPeers] = useState<KitchenPeers | null>(null);
  const [pin, setPin] = useState('');
  const [code, setCode] = useState<PeerPairing | null>(null);
  const [outcome, setOutcome] = useState<string | null>(null);
  const [url, setUrl] = useState('');
  const [theirCode, setTheirCode] = useState('');
  useEffect(() => {
    if (!configured) return;
    void actions.list().then((result) => setPeers(result.ok ? result.value : null));
  }, [configured, peersNow, actions, outcome]);
  if (!configured)
    return (
      <section className="diagnostics__peers" aria-label={t('peers.title')}>
        <h3>{t('peers.title')}</h3>
        <p>{t('peers.none')}</p>
      </section>
    );
  const showCode = (): void => {
    void actions.showCode(pin).then((result) => {
      setCode(result.ok ? result.value : null);
      setOutcome(result.ok ? null : result.error);
    });
  };
  const pair = (event: React.FormEvent): void => {
    event.preventDefault();
    void actions.pair(url.trim(), theirCode.replace(/\s+/g, ''), pin).then((result) => {
      setOutcome(result.ok ? t('peers.paired', { terminal: result.value.terminalId }) : result.error);
      if (result.ok) setTheirCode('');
    });
  };
  const unpair = (terminalId: string): void => {
    void actions
      .unpair(terminalId, pin)
      .then((result) => setOutcome(result.ok ? t('peers.unpaired', { terminal: terminalId }) : result.error));
  };
  return (
    <section className="diagnostics__peers" aria-label={t('peers.title')}>
      <h3>{t('peers.title')}</h3>
      {peers?.url && <p>{t('peers.listening', { url: peers.url })}</p>}
      {peers && peers.peers.length === 0 && <p>{t('peers.empty')}</p>}
      {peers && peers.peers.length > 0 && (
        <table aria-label={t('peers.list')}>
          <thead>
            <tr>
              <th>{t('peers.terminal')}</th>
              <th>{t('peers.address')}</th>
              <th>{t('peers.state')}</th>
              <th>{t('peers.lastContact')}</th>
              <th>{t('peers.exchanged')}</th>
              <th>{t('peers.waiting')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {peers.peers.map((peer) => (
              <tr key={peer.terminalId}>
                <td>{peer.terminalId}</td>
                <td>{peer.url}</td>
                <td className={peer.reachable ? 'peer--answers' : 'peer--silent'}>
                  {peer.reachable ? t('peers.reachable') : t('peers.unreachable')}
                </td>
                <td>{peer.lastContactAt ? dateTime(peer.lastContactAt) : t('peers.never')}</td>
                <td>
                  {peer.sent} / {peer.received}
                </td>
                <td>{peer.waiting}</td>
                <td>
                  <button
                    type="button"
                    className="action"
                    aria-label={t('peers.unpairOne', { terminal: peer.terminalId })}
                    onClick={() => unpair(peer.terminalId)}
                  >
                    {t('peers.unpair')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <PinField pin={pin} onChange={setPin} />
      <button type="button" className="action" onClick={showCode}>
        {t('peers.showCode')}
      </button>
      {code && (
        <p className="pairing-code">
          {t('peers.codeUntil', { time: timeOfDay(code.expiresAt) })}{' '}
          <strong className="pairing-code__digits" aria-label={t('peers.code')}>
            {code.code.slice(0, 4)} {code.code.slice(4)}
          </strong>{' '}
          {code.url && t('peers.enterElsewhere', { url: code.url })}
        </p>
      )}
      {peers && peers.found.length > 0 && (
        <ul className="diagnostics__found" aria-label={t('peers.found')}>
          {peers.found.map((found) => (
            <li key={found.terminalId}>
              <button type="button" className="action" onClick={() => setUrl(found.url)}>
                {t('peers.use', { terminal: found.terminalId, url: found.url })}
              </button>
            </li>
          ))}
        </ul>
      )}
      <form onSubmit={pair} aria-label={t('peers.pairWith')}>
        <label>
          {t('peers.url')} <input type="url" value={url} onChange={(event) => setUrl(event.target.value)} />
        </label>
        <label>
          {t('peers.code')} <input inputMode="numeric" value={theirCode} onChange={(event) => setTheirCode(event.target.value)} />
        </label>
        <button type="submit" className="action">
          {t('peers.pair')}
        </button>
      </form>
      {outcome && <p role="status">{outcome}</p>}
    </section>
  );
}
