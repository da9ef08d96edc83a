import { kitchenEventFormats, type SettingsField, type TerminalSettings } from '../../shared/settings';
import { Field } from './settings-field';

const FORMAT_LABELS: Record<TerminalSettings['kitchenEventFormat'], string> = {
  json: 'JSON',
  avro: 'Avro, through the schema registry',
};

/**
 * The schema registry's part of the settings form: where Avro records' schemas come from, its
 * basic auth, and how this terminal writes its kitchen events. The password is write-only, as the
 * Kafka password is: the form is told only whether one is set, and an empty field keeps it.
 */
export function RegistrySettings({
  draft,
  set,
  shownError,
  hasPassword,
  secretStorage,
}: {
  draft: TerminalSettings;
  set: <K extends SettingsField>(field: K, value: TerminalSettings[K]) => void;
  shownError: (field: SettingsField) => string | undefined;
  hasPassword: boolean;
  secretStorage: 'os-encrypted' | 'owner-only-file';
}) {
  const kept =
    secretStorage === 'os-encrypted' ? 'kept encrypted by this computer’s key store' : 'kept in a file only this terminal’s user may read';
  const text = (field: 'registryUrl' | 'registryUsername' | 'registryPassword', label: string, hint: string, placeholder = '') => (
    <Field label={label} error={shownError(field)} hint={hint}>
      {(id, describedBy) => (
        <input
          id={id}
          aria-describedby={describedBy}
          aria-invalid={shownError(field) !== undefined}
          type={field === 'registryPassword' ? 'password' : field === 'registryUrl' ? 'url' : 'text'}
          autoComplete="off"
          spellCheck={false}
          placeholder={placeholder}
          value={draft[field]}
          onChange={(event) => set(field, event.target.value)}
        />
      )}
    </Field>
  );
  return (
    <fieldset>
      <legend>Schema registry</legend>
      {text('registryUrl', 'Registry URL', 'For Avro records; empty: JSON only', 'https://registry.example.com')}
      {draft.registryUrl.trim() !== '' && (
        <>
          {text('registryUsername', 'Registry username', 'Basic auth; empty: none')}
          {text(
            'registryPassword',
            'Registry password',
            hasPassword ? `Empty keeps the one set; ${kept}` : `${kept[0]?.toUpperCase() ?? ''}${kept.slice(1)}`,
            hasPassword ? '(set)' : '',
          )}
        </>
      )}
      <Field label="Kitchen events written as" error={shownError('kitchenEventFormat')} hint="Other terminals read either">
        {(id, describedBy) => (
          <select
            id={id}
            aria-describedby={describedBy}
            aria-invalid={shownError('kitchenEventFormat') !== undefined}
            value={draft.kitchenEventFormat}
            onChange={(event) => set('kitchenEventFormat', event.target.value as TerminalSettings['kitchenEventFormat'])}
          >
            {kitchenEventFormats.map((format) => (
              <option key={format} value={format}>
                {FORMAT_LABELS[format]}
              </option>
            ))}
          </select>
        )}
      </Field>
    </fieldset>
  );
}
