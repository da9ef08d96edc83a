import QRCode from 'qrcode';
import { useEffect, useState } from 'react';
import type { PairedScreen, Pairing, Result, ScreenScope } from '../../shared/app-api';
import { useTranslation } from 'react-i18next';
import { dateTime, timeOfDay } from './i18n/format';
import { PinField } from './pin-field';

/**
 * Diagnostics' access panel: a pairing code (with its link as a QR code) for one more screen,
 * support's list of paired screens, each of which can be unpaired alone (PIN), and the rotation
 * of the terminal's access (PIN), which unpairs every screen.
 */
export function ScreenAccessPanel({
  onPair,
  onRotate,
  onListScreens,
  onRevokeScreen,
}: {
  onPair: (scope: ScreenScope) => Promise<Result<Pairing>>;
  onRotate: (pin: string) => Promise<Result<Pairing>>;
  onListScreens: (pin: string) => Promise<Result<PairedScreen[]>>;
  onRevokeScreen: (id: string, pin: string) => Promise<Result<PairedScreen[]>>;
}) {
  const [pairing, setPairing] = useState<Result<Pairing> | null>(null);
  const [pairingScope, setPairingScope] = useState<ScreenScope>('kitchen');
  const { t } = useTranslation();
  const pair = (scope: ScreenScope): void => {
    void onPair(scope).then((result) => {
      setPairingScope(scope);
      setPairing(result);
    });
  };
  const [pin, setPin] = useState('');
  const [rotation, setRotation] = useState<string | null>(null);
  const rotate = (event: React.FormEvent): void => {
    event.preventDefault();
    void onRotate(pin).then((result) => {
      setPin('');
      setRotation(result.ok ? t('access.rotated') : result.error);
      if (result.ok) {
        setPairingScope('kitchen');
        setPairing(result);
      }
    });
  };
  return (
    <section className="diagnostics__access" aria-label={t('access.title')}>
      <button type="button" className="action" onClick={() => pair('kitchen')}>
        {t('access.pairScreen')}
      </button>
      <button type="button" className="action" onClick={() => pair('board')}>
        {t('access.pairBoard')}
      </button>
      {pairing && !pairing.ok && <p role="alert">{pairing.error}</p>}
      {pairing?.ok && <PairingCodeView pairing={pairing.value} scope={pairingScope} />}
      <PairedScreens onList={onListScreens} onRevoke={onRevokeScreen} />
      <form onSubmit={rotate} aria-label={t('access.rotate')}>
        <PinField pin={pin} onChange={setPin} />
        <button type="submit" className="action">
          {t('access.unpairAll')}
        </button>
        {rotation && <span role="status">{rotation}</span>}
      </form>
    </section>
  );
}

/** The screens paired with this terminal (PIN), each unpaired alone: a lost tablet, without re-pairing the others. */
function PairedScreens({
  onList,
  onRevoke,
}: {
  onList: (pin: string) => Promise<Result<PairedScreen[]>>;
  onRevoke: (id: string, pin: string) => Promise<Result<PairedScreen[]>>;
}) {
  const [pin, setPin] = useState('');
  const [screens, setScreens] = useState<PairedScreen[] | null>(null);
  const [outcome, setOutcome] = useState<string | null>(null);
  const { t } = useTranslation();
  const show = (event: React.FormEvent): void => {
    event.preventDefault();
    void onList(pin).then((result) => {
      setScreens(result.ok ? result.value : null);
      setOutcome(result.ok ? null : result.error);
      // Kept while the list is open, for its Unpair buttons; a refused PIN is typed again.
      if (!result.ok) setPin('');
    });
  };
  const revoke = (screen: PairedScreen): void => {
    void onRevoke(screen.id, pin).then((result) => {
      if (result.ok) setScreens(result.value);
      const withIt = result.ok && screens ? screens.length - result.value.length - 1 : 0;
      setOutcome(
        result.ok
          ? withIt > 0
            ? t('access.unpairedWith', { screen: screen.label, count: withIt })
            : t('access.unpaired', { screen: screen.label })
          : result.error,
      );
    });
  };
  return (
    <form onSubmit={show} aria-label={t('access.paired')}>
      <PinField pin={pin} onChange={setPin} />
      <button type="submit" className="action">
        {t('access.showPaired')}
      </button>
      {outcome && <span role="status">{outcome}</span>}
      {screens && screens.length === 0 && <p>{t('access.none')}</p>}
      {screens && screens.length > 0 && (
        <table aria-label={t('access.pairedList')}>
          <thead>
            <tr>
              <th>{t('access.screen')}</th>
              <th>{t('access.kind')}</th>
              <th>{t('access.pairedAt')}</th>
              <th>{t('access.pairedBy')}</th>
              <th>{t('access.lastConnected')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {screens.map((screen) => (
              <tr key={screen.id}>
                <td>
                  {screen.label}
                  {screen.pinSuspendedUntil && (
                    <strong className="paired-screen__suspended">
                      {' '}
                      {t('access.pinSuspended', { time: timeOfDay(screen.pinSuspendedUntil) })}
                    </strong>
                  )}
                </td>
                <td>{screen.scope === 'board' ? t('access.kindBoard') : t('access.kindKitchen')}</td>
                <td>{dateTime(screen.pairedAt)}</td>
                <td>
                  {screen.pairedBy
                    ? (screens.find((other) => other.id === screen.pairedBy)?.label ?? t('access.byUnpaired'))
                    : t('access.byTerminal')}
                </td>
                <td>{screen.lastConnectedAt ? dateTime(screen.lastConnectedAt) : t('access.notSince')}</td>
                <td>
                  <button
                    type="button"
                    className="action"
                    aria-label={t('access.unpairOne', { screen: screen.label })}
                    onClick={() => revoke(screen)}
                  >
                    {t('access.unpair')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </form>
  );
}

function PairingCodeView({ pairing, scope }: { pairing: Pairing; scope: ScreenScope }) {
  const [qr, setQr] = useState<string | null>(null);
  const { t } = useTranslation();
  useEffect(() => {
    if (!pairing.url) return;
    let current = true;
    void QRCode.toString(pairing.url, { type: 'svg', margin: 1 }).then((svg) => {
      if (current) setQr(`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`);
    });
    return () => {
      current = false;
    };
  }, [pairing.url]);
  return (
    <div className="pairing-code">
      {scope === 'board' && <p>{t('access.boardExplain')}</p>}
      <p>
        {t('access.codeUntil', { time: timeOfDay(pairing.expiresAt) })}{' '}
        <strong className="pairing-code__digits" aria-label={t('pairing.code')}>
          {pairing.code.slice(0, 4)} {pairing.code.slice(4)}
        </strong>
      </p>
      {pairing.url ? (
        <>
          {qr && <img className="pairing-code__qr" src={qr} alt={t('access.qr')} />}
          <p>
            {t('access.openBefore')} <code>{pairing.url.replace(/#.*$/, '')}</code> {t('access.openAfter')}
          </p>
        </>
      ) : (
        <p>{t('access.noWebHost')}</p>
      )}
      {pairing.certificateFingerprint && (
        <p>
          {t('access.fingerprint')} <code className="pairing-code__fingerprint">{pairing.certificateFingerprint}</code>
        </p>
      )}
    </div>
  );
}
