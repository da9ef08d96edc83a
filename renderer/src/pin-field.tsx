import { useTranslation } from 'react-i18next';

/** The support PIN, as every PIN-protected form asks for it (diagnostics, settings): never remembered by the browser. */
export function PinField({ pin, onChange, autoFocus = false }: { pin: string; onChange: (pin: string) => void; autoFocus?: boolean }) {
  const { t } = useTranslation();
  return (
    <label>
      {t('pin.label')}{' '}
      <input
        type="password"
        inputMode="numeric"
        autoComplete="off"
        autoFocus={autoFocus}
        maxLength={12}
        value={pin}
        onChange={(e) => onChange(e.target.value)}
        required
      />
    </label>
  );
}
