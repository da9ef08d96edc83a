/** The support PIN, as every PIN-protected form asks for it (diagnostics, settings): never remembered by the browser. */
export function PinField({ pin, onChange, autoFocus = false }: { pin: string; onChange: (pin: string) => void; autoFocus?: boolean }) {
  return (
    <label>
      PIN{' '}
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
