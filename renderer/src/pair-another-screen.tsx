import QRCode from 'qrcode';
import { useEffect, useState } from 'react';
import type { Pairing, Result } from '../../shared/app-api';

/**
 * Diagnostics' access panel: a pairing code (with its link as a QR code) for one more screen,
 * and support's rotation of the terminal's access (PIN), which unpairs every screen.
 */
export function ScreenAccessPanel({
  onPair,
  onRotate,
}: {
  onPair: () => Promise<Result<Pairing>>;
  onRotate: (pin: string) => Promise<Result<Pairing>>;
}) {
  const [pairing, setPairing] = useState<Result<Pairing> | null>(null);
  const [pin, setPin] = useState('');
  const [rotation, setRotation] = useState<string | null>(null);
  const rotate = (event: React.FormEvent): void => {
    event.preventDefault();
    void onRotate(pin).then((result) => {
      setPin('');
      setRotation(result.ok ? 'Access rotated: every other screen must pair again.' : result.error);
      if (result.ok) setPairing(result);
    });
  };
  return (
    <section className="diagnostics__access" aria-label="Screen access">
      <button type="button" className="action" onClick={() => void onPair().then(setPairing)}>
        Pair a screen
      </button>
      {pairing && !pairing.ok && <p role="alert">{pairing.error}</p>}
      {pairing?.ok && <PairingCodeView pairing={pairing.value} />}
      <form onSubmit={rotate} aria-label="Rotate screen access">
        <label>
          PIN <input type="password" inputMode="numeric" autoComplete="off" value={pin} onChange={(e) => setPin(e.target.value)} required />
        </label>
        <button type="submit" className="action">
          Unpair all screens
        </button>
        {rotation && <span role="status">{rotation}</span>}
      </form>
    </section>
  );
}

function PairingCodeView({ pairing }: { pairing: Pairing }) {
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
