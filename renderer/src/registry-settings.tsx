import { useTranslation } from 'react-i18next';
import { kitchenEventFormats, type SettingsField, type TerminalSettings } from '../../shared/settings';
import { Field } from './settings-field';

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
  const { t } = useTranslation();
  const kept = secretStorage === 'os-encrypted' ? t('settings.keptEncrypted') : t('settings.keptInFile');
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
      <legend>{t('settings.registry')}</legend>
      {text('registryUrl', t('settings.registryUrl'), t('settings.registryUrlHint'), 'https://registry.example.com')}
      {draft.registryUrl.trim() !== '' && (
        <>
          {text('registryUsername', t('settings.registryUsername'), t('settings.registryUsernameHint'))}
          {text(
            'registryPassword',
            t('settings.registryPassword'),
            hasPassword ? t('settings.emptyKeeps', { kept }) : kept,
            hasPassword ? t('settings.passwordSet') : '',
          )}
        </>
      )}
      <Field label={t('settings.eventFormat')} error={shownError('kitchenEventFormat')} hint={t('settings.eventFormatHint')}>
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
                {t(`settings.format.${format}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
    </fieldset>
  );
}
