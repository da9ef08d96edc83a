import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { redeemPairingCode } from './screen-session';

/** Shown by a browser screen without access: enter the code a paired screen (or the terminal's console) shows. */
export function PairingScreen({ onPaired, problem }: { onPaired: () => void; problem?: string }) {
  const { t } = useTranslation();
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | undefined>(problem);
  const [busy, setBusy] = useState(false);
  const submit = (event: React.FormEvent): void => {
    event.preventDefault();
    setBusy(true);
    void redeemPairingCode(code).then((result) => {
      setBusy(false);
      setCode('');
      if (result.ok) onPaired();
      else setError(result.error);
    });
  };
  return (
    <main className="pairing">
      <form className="pairing__form" onSubmit={submit} aria-label={t('pairing.title')}>
        <h1>{t('pairing.title')}</h1>
        <p>
          {t('pairing.explainBefore')}
          <strong>{t('pairing.explainPath')}</strong>
          {t('pairing.explainAfter')}
        </p>
        <input
          className="pairing__code"
          aria-label={t('pairing.code')}
          inputMode="numeric"
          autoComplete="one-time-code"
          pattern="[0-9 ]{8,9}"
          maxLength={9}
          placeholder="1234 5678"
          value={code}
          onChange={(e) => setCode(e.target.value)}
          required
        />
        <button type="submit" className="action pairing__submit" disabled={busy}>
          {t('pairing.pair')}
        </button>
        {error && (
          <p className="pairing__error" role="alert">
            {error}
          </p>
        )}
      </form>
    </main>
  );
}
