import QRCode from 'qrcode';
import { useEffect, useState } from 'react';
import type { PairedScreen, Pairing, Result, ScreenScope } from '../../shared/app-api';
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
      setRotation(result.ok ? 'Access rotated: every other screen must pair again.' : result.error);
      if (result.ok) {
        setPairingScope('kitchen');
        setPairing(result);
      }
    });
  };
  return (
    <section className="diagnostics__access" aria-label="Screen access">
      <button type="button" className="action" onClick={() => pair('kitchen')}>
        Pair a screen
      </button>
      <button type="button" className="action" onClick={() => pair('board')}>
        Pair a guest board
      </button>
      {pairing && !pairing.ok && <p role="alert">{pairing.error}</p>}
      {pairing?.ok && <PairingCodeView pairing={pairing.value} scope={pairingScope} />}
      <PairedScreens onList={onListScreens} onRevoke={onRevokeScreen} />
      <form onSubmit={rotate} aria-label="Rotate screen access">
        <PinField pin={pin} onChange={setPin} />
        <button type="submit" className="action">
          Unpair all screens
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
      setOutcome(result.ok ? `Unpaired: ${screen.label}${withIt > 0 ? `, with ${withIt} screen(s) it had paired` : ''}.` : result.error);
    });
  };
  return (
    <form onSubmit={show} aria-label="Paired screens">
      <PinField pin={pin} onChange={setPin} />
      <button type="submit" className="action">
        Show paired screens
      </button>
      {outcome && <span role="status">{outcome}</span>}
      {screens && screens.length === 0 && <p>No screen is paired.</p>}
      {screens && screens.length > 0 && (
        <table aria-label="Paired screens list">
          <thead>
            <tr>
              <th>Screen</th>
              <th>Kind</th>
              <th>Paired</th>
              <th>Paired by</th>
              <th>Last connected</th>
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
                      PIN suspended after wrong PINs, until {new Date(screen.pinSuspendedUntil).toLocaleTimeString()}
                    </strong>
                  )}
                </td>
                <td>{screen.scope === 'board' ? 'Guest board (read only)' : 'Kitchen screen'}</td>
                <td>{new Date(screen.pairedAt).toLocaleString()}</td>
                <td>
                  {screen.pairedBy
                    ? (screens.find((other) => other.id === screen.pairedBy)?.label ?? 'a screen unpaired since')
                    : 'this terminal'}
                </td>
                <td>{screen.lastConnectedAt ? new Date(screen.lastConnectedAt).toLocaleString() : 'not since pairing'}</td>
                <td>
                  <button type="button" className="action" aria-label={`Unpair ${screen.label}`} onClick={() => revoke(screen)}>
                    Unpair
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
      {scope === 'board' && <p>For a guest board: it shows order numbers preparing and ready, and can read or do nothing else.</p>}
      <p>
        Pairing code (once, until {new Date(pairing.expiresAt).toLocaleTimeString()}):{' '}
        <strong className="pairing-code__digits" aria-label="Pairing code">
          {pairing.code.slice(0, 4)} {pairing.code.slice(4)}
        </strong>
      </p>
      {pairing.url ? (
        <>
          {qr && <img className="pairing-code__qr" src={qr} alt="QR code of the pairing link" />}
          <p>
            Or scan the code, or open <code>{pairing.url.replace(/#.*$/, '')}</code> on the new screen and enter the code.
          </p>
        </>
      ) : (
        <p>This terminal serves no screens over the network (it runs no web host).</p>
      )}
      {pairing.certificateFingerprint && (
        <p>
          The screen will warn about the terminal&apos;s certificate: accept it only if its SHA-256 fingerprint is{' '}
          <code className="pairing-code__fingerprint">{pairing.certificateFingerprint}</code>
        </p>
      )}
    </div>
  );
}
